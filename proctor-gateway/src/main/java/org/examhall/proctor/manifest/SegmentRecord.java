package org.examhall.proctor.manifest;

import java.time.Instant;

/**
 * A finished segment as listed in the manifest.
 *
 * @param path     the file relative to the day's directory ({@code HH/camera_time.ts})
 * @param recovered the segment was left open by a crash and listed on the next start
 * @param detail   why it was recovered and what was found
 */
public record SegmentRecord(String camera, String path, Instant start, Instant end, long bytes, String sm3,
                            boolean recovered, String detail) {

    public static SegmentRecord recorded(String camera, String path, Instant start, Instant end, long bytes, String sm3) {
        return new SegmentRecord(camera, path, start, end, bytes, sm3, false, null);
    }
}
