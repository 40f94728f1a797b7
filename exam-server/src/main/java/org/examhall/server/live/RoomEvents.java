package org.examhall.server.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.examhall.server.sessions.SessionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what happens in a room on the clustered event bus, one address per session; every
 * proctor console of that session, on any node, receives it.
 */
public final class RoomEvents implements SessionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(RoomEvents.class);

    /**
     * Seats that changed are read together, at most this long after the first change: a hand-in storm
     * changes a room's 50 seats within seconds, and read one by one that was a grid read per hand-in,
     * 10,000 of them beside the hand-ins' own transactions.
     */
    static final long COALESCE_MS = 200;

    private final Vertx vertx;
    private final RoomGrid grid;
    /** session → seats changed since its read was scheduled; guarded by itself. */
    private final Map<Long, Set<Long>> changed = new HashMap<>();

    public RoomEvents(Vertx vertx, RoomGrid grid) {
        this.vertx = vertx;
        this.grid = grid;
    }

    public static String address(long sessionId) {
        return "examhall.session." + sessionId;
    }

    /**
     * Sends the seat's new row, computed once here rather than by every console, with the room's other
     * seats that change within {@value #COALESCE_MS} ms.
     */
    public void sittingChanged(long sessionId, long sittingId) {
        boolean first;
        synchronized (changed) {
            Set<Long> seats = changed.get(sessionId);
            first = seats == null;
            if (first) {
                seats = new LinkedHashSet<>();
                changed.put(sessionId, seats);
            }
            seats.add(sittingId);
        }
        if (first) {
            vertx.setTimer(COALESCE_MS, id -> {
                List<Long> seats;
                synchronized (changed) {
                    seats = List.copyOf(changed.remove(sessionId));
                }
                sittingsChanged(sessionId, seats);
            });
        }
    }

    /** Several seats of one session, read together; completes when they are published (or the read failed, logged). */
    public Future<Void> sittingsChanged(long sessionId, List<Long> sittingIds) {
        return grid.seats(sessionId, sittingIds)
                .onSuccess(seats -> seats.forEach(seat ->
                        publish(sessionId, new JsonObject().put("type", "seat").put("seat", seat))))
                .onFailure(e -> LOG.warn(
                        "event=seat_refresh_failed sessionId={} sittingIds={} error={}",
                        sessionId,
                        sittingIds,
                        e.toString()))
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }

    /** A kiosk signal or anomaly for the proctors to judge; it changes nothing by itself. */
    public void alert(long sessionId, Long sittingId, String kind, JsonObject detail) {
        LOG.info("event=room_alert sessionId={} sittingId={} kind={}", sessionId, sittingId, kind);
        publish(
                sessionId,
                new JsonObject()
                        .put("type", "alert")
                        .put("kind", kind)
                        .put("sittingId", sittingId)
                        .put("at", Instant.now().toString())
                        .put("detail", detail));
    }

    /** A new state; the whole grid follows, since starting or closing changes every seat at once. */
    @Override
    public void sessionChanged(long sessionId, String state) {
        publish(sessionId, new JsonObject().put("type", "session").put("state", state));
        grid.seats(sessionId)
                .onSuccess(seats ->
                        publish(sessionId, new JsonObject().put("type", "grid").put("seats", seats)))
                .onFailure(e -> LOG.warn("event=grid_refresh_failed sessionId={} error={}", sessionId, e.toString()));
    }

    private void publish(long sessionId, JsonObject event) {
        vertx.eventBus().publish(address(sessionId), event);
    }
}
