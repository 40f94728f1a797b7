package org.examhall.proctor.retention;

import java.time.Instant;

/**
 * An incident hold: footage of {@code room} (all cameras, or just {@code camera}) between {@code from} and
 * {@code to} must be kept past its retention date until the hold is lifted, e.g. while an appeal runs.
 */
public record Hold(String id, String room, String camera, Instant from, Instant to, String reason, Instant createdAt) {

    public Hold {
        if (id == null || room == null || from == null || to == null || !to.isAfter(from)) {
            throw new IllegalArgumentException("a hold needs an id, a room and a time range with to after from");
        }
    }

    public boolean covers(String segmentRoom, String segmentCamera, Instant start, Instant end) {
        return room.equals(segmentRoom)
                && (camera == null || camera.equals(segmentCamera))
                && end.isAfter(from)
                && start.isBefore(to);
    }
}
