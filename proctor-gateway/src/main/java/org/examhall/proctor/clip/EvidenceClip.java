package org.examhall.proctor.clip;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * An exported clip and its chain of custody: its own SM3, and the archive segments (with the SM3 the
 * manifest lists for each) it was cut from.
 *
 * @param from the first key frame at or before the requested start (a copy cannot start mid-GOP)
 */
public record EvidenceClip(
        String id,
        Path file,
        Path hashFile,
        String sm3,
        long bytes,
        Instant from,
        Instant to,
        List<String> sourceSegments) {}
