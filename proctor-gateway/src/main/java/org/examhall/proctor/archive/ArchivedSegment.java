package org.examhall.proctor.archive;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/** A segment the manifest lists and has not deleted, with where to find it. */
public record ArchivedSegment(
        String room, String camera, LocalDate day, String path, Instant start, Instant end, long bytes, String sm3) {

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean overlaps(Instant from, Instant to) {
        return end.isAfter(from) && start.isBefore(to);
    }
}
