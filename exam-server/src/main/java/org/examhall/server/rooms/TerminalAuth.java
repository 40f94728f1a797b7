package org.examhall.server.rooms;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recognises an enrolled exam-room terminal by the device credential it received at enrolment,
 * sent in the {@value #HEADER} header. Disabled terminals are refused.
 */
public final class TerminalAuth {

    public static final String HEADER = "X-Terminal-Credential";

    /** How long a recognised credential is trusted without asking the database again (a disabled terminal stops within it). */
    private static final long CACHE_MS = 15_000;

    private final Pool pool;
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();

    private record Cached(Terminal terminal, long until) {}

    public TerminalAuth(Pool pool) {
        this.pool = pool;
    }

    public record Terminal(long id, long roomId, int seatNo) {}

    public Future<Terminal> terminal(RoutingContext ctx) {
        String credential = ctx.request().getHeader(HEADER);
        if (credential == null || credential.isBlank() || credential.length() > 100) {
            return Future.failedFuture(RoomErrors.TERMINAL_CREDENTIAL_INVALID.exception());
        }
        String hash = Secrets.hash(credential.trim());
        Cached cached = recent.get(hash);
        long now = System.currentTimeMillis();
        if (cached != null && cached.until() > now) {
            return Future.succeededFuture(cached.terminal());
        }
        return pool.preparedQuery(
                        "SELECT id, room_id, seat_no FROM terminal WHERE credential_hash = $1 AND NOT disabled")
                .execute(Tuple.of(hash))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        recent.remove(hash);
                        return Future.failedFuture(RoomErrors.TERMINAL_CREDENTIAL_INVALID.exception());
                    }
                    Row row = rows.iterator().next();
                    Terminal terminal =
                            new Terminal(row.getLong("id"), row.getLong("room_id"), row.getInteger("seat_no"));
                    if (recent.size() > 50_000) {
                        recent.clear();
                    }
                    recent.put(hash, new Cached(terminal, now + CACHE_MS));
                    return Future.succeededFuture(terminal);
                });
    }
}
