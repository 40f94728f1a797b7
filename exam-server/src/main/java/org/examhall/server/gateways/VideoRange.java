package org.examhall.server.gateways;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.examhall.server.http.Errors;
import org.examhall.server.sessions.ScheduleWindow;

/**
 * The stretch of a room's recording a playback ticket opens, in whole seconds as tickets carry it (the
 * start rounded down, the end up). A proctor's is their session's window; a bureau admin or auditor asks
 * for one, at most {@link #WIDE_MAX}.
 */
record VideoRange(Instant from, Instant to) {

    /** A room's whole exam day: the most anyone gets in one ticket, so no ticket ever opens the 3-year archive. */
    static final Duration WIDE_MAX = Duration.ofHours(24);
    /** Check-in may open an hour before the start; the quarter hour before that covers the room being readied. */
    static final Duration BEFORE_SESSION = ScheduleWindow.CHECK_IN_EARLIEST.plusMinutes(15);
    /** Candidates leaving, the room cleared, the record signed. */
    static final Duration AFTER_SESSION = Duration.ofMinutes(30);

    VideoRange {
        from = from.truncatedTo(ChronoUnit.SECONDS);
        Instant whole = to.truncatedTo(ChronoUnit.SECONDS);
        to = whole.equals(to) ? whole : whole.plusSeconds(1);
    }

    /**
     * A session's window: from before check-in to after its close. A session not yet closed may run late
     * (late start, extra time), so while it is open the window reaches to now; one that never opened ends
     * a margin after its scheduled end.
     */
    static VideoRange ofSession(
            Instant startsAt, Duration duration, Instant runningSince, Instant closedAt, boolean open, Instant now) {
        Instant end;
        if (closedAt != null) {
            end = closedAt;
        } else {
            Instant expected =
                    (runningSince != null && runningSince.isAfter(startsAt) ? runningSince : startsAt).plus(duration);
            end = open && now.isAfter(expected) ? now : expected;
        }
        return new VideoRange(startsAt.minus(BEFORE_SESSION), end.plus(AFTER_SESSION));
    }

    /** What a bureau admin or auditor asked for, checked. */
    static VideoRange requested(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw Errors.invalid("to 必须晚于 from", "to must be after from");
        }
        if (Duration.between(from, to).compareTo(WIDE_MAX) > 0) {
            throw GatewayErrors.VIDEO_RANGE_TOO_LONG.exception();
        }
        return new VideoRange(from, to);
    }
}
