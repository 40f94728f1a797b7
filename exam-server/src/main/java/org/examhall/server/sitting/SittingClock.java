package org.examhall.server.sitting;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The server's clock for one sitting, as stored: the deadline (none before the start), and when
 * paused, the moment the pause began. Extra time and a resume move the deadline in the database
 * ({@link SittingStore}); while paused the remaining time is frozen. The terminal's countdown and the
 * proctor's grid both read it from here.
 */
public record SittingClock(Instant deadline, Instant pausedAt) {

    /** From a row with the sitting's {@code deadline} and {@code paused_at}. */
    public static SittingClock of(Row row) {
        return new SittingClock(
                instant(row.getOffsetDateTime("deadline")), instant(row.getOffsetDateTime("paused_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    public boolean started() {
        return deadline != null;
    }

    public boolean paused() {
        return pausedAt != null;
    }

    /** The time left as of {@code now}; a paused sitting's stands still at its pause, and none is left before the start. */
    public Duration remaining(Instant now) {
        if (!started()) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(paused() ? pausedAt : now, deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The countdown as the terminal runs it, as of now. */
    public JsonObject toJson(String status) {
        Instant now = Instant.now();
        return new JsonObject()
                .put("status", status)
                .put("serverTime", now.toString())
                .put("remainingMs", remaining(now).toMillis())
                .put("deadline", started() ? deadline.toString() : null);
    }
}
