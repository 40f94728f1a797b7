package org.examhall.proctor.detect;

import java.time.Instant;

/**
 * A flag raised by a detector; people decide what it means. The same {@code id} is reported when the
 * anomaly starts ({@code endedAt} null) and again when it ends, so exam-server can show it at once and
 * update it later, and retries are idempotent.
 */
public record Anomaly(
        String id,
        String site,
        String room,
        String camera,
        AnomalyType type,
        Instant startedAt,
        Instant endedAt,
        double confidence,
        String clipUrl,
        Detail detail) {

    public Anomaly {
        confidence = Math.max(0, Math.min(1, confidence));
    }
}
