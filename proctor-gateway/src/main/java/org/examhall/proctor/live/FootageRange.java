package org.examhall.proctor.live;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.examhall.proctor.http.ErrorReplies;
import org.examhall.protocol.http.ApiError;

/**
 * A stretch of recorded time a request asks for, checked before any archive work: finding segments walks
 * the manifests day by day, so an unbounded range would keep a worker busy for as long as the range is
 * absurd. The caps are what a person reviewing footage uses: an exam's session fits in a playlist, an
 * incident in a clip.
 */
public record FootageRange(Instant from, Instant to) {

    /** The longest session (600 minutes) is reviewed in three playlists; a playlist lists a segment a minute. */
    public static final Duration PLAYLIST_MAX = Duration.ofHours(4);
    /** An incident's evidence; longer stretches are played back, not cut and hashed as evidence. */
    public static final Duration CLIP_MAX = Duration.ofMinutes(30);
    /** Nothing was recorded before the system existed. */
    private static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    /** Room for a console whose clock is ahead of the gateway's; nothing is recorded further ahead. */
    private static final Duration FUTURE_ALLOWANCE = Duration.ofDays(1);

    /** Why a range was refused: a 400 in the gateway's error shape. */
    public static final class Refused extends Exception {
        private final String code;
        private final String zh;

        private Refused(String code, String zh, String en) {
            super(en, null, false, false);
            this.code = code;
            this.zh = zh;
        }

        public void send(RoutingContext ctx) {
            ErrorReplies.send(ctx, new ApiError(400, code, zh, getMessage()));
        }
    }

    public static FootageRange parse(String from, String to, Duration max, Clock clock) throws Refused {
        Instant start = instant(from);
        Instant end = instant(to);
        if (start == null || end == null || !end.isAfter(start)) {
            throw new Refused(
                    "bad_range",
                    "需要 from < to（ISO-8601 时间，如 2026-03-02T01:00:00Z）",
                    "need from < to (ISO-8601 instants such as 2026-03-02T01:00:00Z)");
        }
        if (start.isBefore(EARLIEST) || end.isAfter(clock.instant().plus(FUTURE_ALLOWANCE))) {
            throw new Refused(
                    "bad_range",
                    "时段须在 " + EARLIEST + " 之后且不晚于明天",
                    "the range must lie after " + EARLIEST + " and no later than tomorrow");
        }
        if (Duration.between(start, end).compareTo(max) > 0) {
            throw new Refused(
                    "range_too_long",
                    "时段过长：一次最多 " + max.toMinutes() + " 分钟，请分段查看",
                    "the range is too long: at most " + max.toMinutes() + " minutes per request; ask in parts");
        }
        return new FootageRange(start, end);
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
