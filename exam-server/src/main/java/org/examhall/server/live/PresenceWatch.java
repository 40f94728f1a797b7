package org.examhall.server.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the room consoles when a terminal falls silent for {@link RoomGrid#DISCONNECTED_AFTER_MS} or is
 * heard again, as the seat's row, so that no console has to re-read its grid to see it. Every
 * {@link #CHECK_MS} each node looks at the times it heard itself (memory only); a session is read from the
 * cluster only when one of its terminals crossed the threshold here, and {@link ConnectionChanges} decides
 * which node reports the change.
 */
public final class PresenceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceWatch.class);

    /** A silence shows on the consoles at most this long after the threshold (plus the seat's read). */
    static final long CHECK_MS = 2_000;

    /** Where the seats go: {@link RoomEvents#sittingsChanged}, which reads their rows and publishes them. */
    @FunctionalInterface
    interface Seats {
        Future<Void> changed(long sessionId, List<Long> sittingIds);
    }

    private final Vertx vertx;
    private final Presence presence;
    private final Seats seats;
    private final ConnectionChanges changes;
    private final long checkMs;

    private long timer = -1;
    /** The check under way; a slow one is not overtaken, the next one sees what it left. */
    private volatile Future<Void> checking = Future.succeededFuture();

    public PresenceWatch(Vertx vertx, Presence presence, RoomEvents events) {
        this(vertx, presence, events::sittingsChanged, RoomGrid.DISCONNECTED_AFTER_MS, CHECK_MS);
    }

    /** For tests: a short threshold and interval. */
    PresenceWatch(Vertx vertx, Presence presence, Seats seats, long silentAfterMs, long checkMs) {
        this.vertx = vertx;
        this.presence = presence;
        this.seats = seats;
        this.changes = new ConnectionChanges(silentAfterMs);
        this.checkMs = checkMs;
    }

    public void start() {
        timer = vertx.setPeriodic(checkMs, id -> check());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** Pushes the seats whose terminals crossed the threshold since the last check; completes when pushed. */
    Future<Void> check() {
        if (!checking.isComplete()) {
            return checking;
        }
        Set<Long> sessions = presence.sessionsHeardHere();
        changes.retain(sessions);
        long now = System.currentTimeMillis();
        // One room after the other, as the progress feed does: the seat reads share the pool with the autosaves.
        Future<Void> previous = Future.succeededFuture();
        for (Long sessionId : sessions) {
            Map<Long, Long> heardHere = presence.heardHere(sessionId);
            if (changes.unsettled(sessionId, heardHere, now)) {
                previous = previous.compose(x -> settle(sessionId, heardHere));
            }
        }
        checking = previous;
        return previous;
    }

    private Future<Void> settle(long sessionId, Map<Long, Long> heardHere) {
        return presence.heardElsewhere(sessionId)
                .compose(elsewhere -> {
                    List<Long> report = changes.settle(sessionId, heardHere, elsewhere, System.currentTimeMillis());
                    return report.isEmpty() ? Future.<Void>succeededFuture() : seats.changed(sessionId, report);
                })
                .onFailure(e -> LOG.warn("event=presence_check_failed sessionId={} error={}", sessionId, e.toString()))
                // Left unsettled, the session is looked at again at the next check.
                .otherwiseEmpty();
    }
}
