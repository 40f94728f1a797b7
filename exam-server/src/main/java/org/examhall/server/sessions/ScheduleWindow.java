package org.examhall.server.sessions;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * When a session's steps may be taken without an override. Check-in opens at most an hour before
 * the scheduled start (the door needs time for ID and face checks, but a room opened far earlier is
 * usually the wrong session); the exam starts within five minutes before and thirty after the
 * scheduled time, because candidates and the province were told that time. Anything else needs the
 * bureau's explicit, audited override.
 */
public record ScheduleWindow(Instant startsAt, Duration duration) {

    public static final Duration CHECK_IN_EARLIEST = Duration.ofMinutes(60);
    static final Duration START_EARLIEST = Duration.ofMinutes(5);
    static final Duration START_LATEST = Duration.ofMinutes(30);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public Instant endsAt() {
        return startsAt.plus(duration);
    }

    /** Whether two sessions in one room would need the room at the same time. */
    public boolean overlaps(ScheduleWindow other) {
        return startsAt.isBefore(other.endsAt()) && other.startsAt.isBefore(endsAt());
    }

    /** Why {@code target} cannot be entered at {@code now} without an override; empty when it can. */
    public Optional<Refusal> refusal(SessionState target, Instant now, ZoneId zone) {
        Instant from;
        Instant until;
        switch (target) {
            case CHECK_IN -> {
                from = startsAt.minus(CHECK_IN_EARLIEST);
                until = endsAt();
            }
            case RUNNING -> {
                from = startsAt.minus(START_EARLIEST);
                until = startsAt.plus(START_LATEST);
            }
            default -> {
                return Optional.empty();
            }
        }
        if (!now.isBefore(from) && !now.isAfter(until)) {
            return Optional.empty();
        }
        String step = target == SessionState.CHECK_IN ? "开始检录" : "开考";
        String stepEn = target == SessionState.CHECK_IN ? "check-in" : "the start";
        return Optional.of(new Refusal(
                "计划开考时间 " + clock(startsAt, zone) + "，" + step + "须在 " + clock(from, zone) + " 至 " + clock(until, zone)
                        + " 之间",
                "scheduled start " + clock(startsAt, zone) + "; " + stepEn + " is allowed between " + clock(from, zone)
                        + " and " + clock(until, zone),
                Duration.between(startsAt, now).toMinutes()));
    }

    /** Formats an instant as the site's staff read it. */
    public static String clock(Instant instant, ZoneId zone) {
        return CLOCK.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    public record Refusal(String zh, String en, long minutesFromSchedule) {}
}
