package org.examhall.server.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.ClusteredSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's staff sessions, where a deleted (signed-out) session stays deleted. A request of the
 * session still running while it signs out stores its copy of the session when it ends; the clustered
 * store took that copy and the session came back, still signed in. Here a delete first records the
 * id, cluster-wide, for as long as a session can live, and a session with a recorded id is neither
 * stored nor read again.
 */
public final class SignOutProofSessionStore implements SessionStore {

    private static final String ENDED = "examhall.sessions-ended";

    private final Vertx vertx;
    private final SessionStore sessions;
    private final long sessionTimeoutMs;
    private final long endedForMs;

    public SignOutProofSessionStore(Vertx vertx, long sessionTimeoutMs) {
        this.vertx = vertx;
        this.sessions = ClusteredSessionStore.create(vertx);
        this.sessionTimeoutMs = sessionTimeoutMs;
        // A copy in flight can be stored at most one session lifetime after the sign-out.
        this.endedForMs = sessionTimeoutMs + TimeUnit.MINUTES.toMillis(1);
    }

    private Future<AsyncMap<String, Boolean>> ended() {
        return vertx.sharedData().getAsyncMap(ENDED);
    }

    @Override
    public Future<Void> delete(String id) {
        return ended().compose(map -> map.put(id, Boolean.TRUE, endedForMs)).compose(x -> sessions.delete(id));
    }

    @Override
    public Future<Void> put(Session session) {
        return ended().compose(map -> map.get(session.id()))
                .compose(wasEnded -> wasEnded != null ? Future.succeededFuture() : sessions.put(session));
    }

    /**
     * An ended session reads as a new, empty one: the session handler re-reads a missing session for
     * seconds (a session stored at sign-in may not be readable yet when the next request arrives), and
     * every request of a signed-out session would wait that long for its 401.
     */
    @Override
    public Future<Session> get(String id) {
        return ended().compose(map -> map.get(id))
                .compose(wasEnded -> wasEnded != null
                        ? Future.succeededFuture(sessions.createSession(sessionTimeoutMs))
                        : sessions.get(id));
    }

    @Override
    public SessionStore init(Vertx vertx, JsonObject options) {
        sessions.init(vertx, options);
        return this;
    }

    @Override
    public long retryTimeout() {
        return sessions.retryTimeout();
    }

    @Override
    public Session createSession(long timeout) {
        return sessions.createSession(timeout);
    }

    @Override
    public Session createSession(long timeout, int length) {
        return sessions.createSession(timeout, length);
    }

    @Override
    public Future<Void> clear() {
        return sessions.clear();
    }

    @Override
    public Future<Integer> size() {
        return sessions.size();
    }

    @Override
    public void close() {
        sessions.close();
    }
}
