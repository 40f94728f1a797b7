package org.examhall.proctor.manifest;

import java.time.Instant;

/**
 * A finished segment as listed in the manifest.
 *
 * @param path     the file relative to the day's directory ({@code HH/camera_time.ts})
 * @param recovered the segment was left open by a crash and listed on the next start
 * @param detail   why it was recovered and what was found, or why it was interrupted
 */
public record SegmentRecord(
        String camera,
        String path,
        Instant start,
        Instant end,
        long bytes,
        String sm3,
        boolean recovered,
        String detail) {

    public static SegmentRecord recorded(
            String camera, String path, Instant start, Instant end, long bytes, String sm3) {
        return new SegmentRecord(camera, path, start, end, bytes, sm3, false, null);
    }

    /** A segment closed early because writing failed: it holds everything written before the failure. */
    public static SegmentRecord interrupted(
            String camera, String path, Instant start, Instant end, long bytes, String sm3, String reason) {
        return new SegmentRecord(camera, path, start, end, bytes, sm3, false, reason);
    }

    public boolean interrupted() {
        return !recovered && detail != null;
    }
}
