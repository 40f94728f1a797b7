package org.examhall.server.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Candidates' progress for the room consoles. An acknowledged autosave only marks its sitting; every
 * interval the marked sittings of each session are read in one query and pushed as seat rows. A full
 * room autosaves about once a second per candidate, and a database read and a cluster-map read per
 * autosave (or per candidate every few seconds) took the connections the autosaves themselves
 * needed: their p99 went from under 200 ms to over 1.5 s at 1,000 terminals (load-tests README).
 */
public final class ProgressFeed {

    /** Sittings never change session; the bound only keeps a long-running node's memory flat. */
    private static final int MAX_REMEMBERED = 100_000;

    private final Vertx vertx;
    private final Pool pool;
    private final RoomEvents events;
    private final long intervalMs;
    private final Map<Long, Long> sessionOfSitting = new ConcurrentHashMap<>();
    /** sitting id to its session id, for the sittings that changed since the last push. */
    private final Map<Long, Long> changed = new ConcurrentHashMap<>();

    private long timer = -1;
    /** The push under way; a slow one is not overtaken, its marks wait for the next. */
    private volatile Future<Void> pushing = Future.succeededFuture();

    public ProgressFeed(Vertx vertx, Pool pool, RoomEvents events, long intervalMs) {
        this.vertx = vertx;
        this.pool = pool;
        this.events = events;
        this.intervalMs = intervalMs;
    }

    public void start() {
        timer = vertx.setPeriodic(intervalMs, id -> push());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** The sitting's answers changed; its room's consoles hear of it within the interval. */
    public void changed(long sittingId) {
        Long sessionId = sessionOfSitting.get(sittingId);
        if (sessionId != null) {
            changed.put(sittingId, sessionId);
            return;
        }
        pool.preparedQuery("SELECT session_id FROM sitting WHERE id = $1")
                .execute(Tuple.of(sittingId))
                .onSuccess(rows -> rows.forEach(row -> {
                    long session = row.getLong("session_id");
                    if (sessionOfSitting.size() >= MAX_REMEMBERED) {
                        sessionOfSitting.clear();
                    }
                    sessionOfSitting.put(sittingId, session);
                    changed.put(sittingId, session);
                }));
    }

    private void push() {
        if (!pushing.isComplete()) {
            return;
        }
        Map<Long, List<Long>> bySession = new HashMap<>();
        // Taken one by one: a sitting marked again meanwhile stays for the next push instead of being lost.
        for (Long sittingId : changed.keySet()) {
            Long sessionId = changed.remove(sittingId);
            if (sessionId != null) {
                bySession.computeIfAbsent(sessionId, k -> new ArrayList<>()).add(sittingId);
            }
        }
        // One room after the other: all rooms at once would hold that many pool connections in the same
        // instant, and the autosaves waiting behind them are what the candidates feel.
        Future<Void> previous = Future.succeededFuture();
        for (Map.Entry<Long, List<Long>> room : bySession.entrySet()) {
            previous = previous.compose(x -> events.sittingsChanged(room.getKey(), room.getValue()));
        }
        pushing = previous;
    }
}
