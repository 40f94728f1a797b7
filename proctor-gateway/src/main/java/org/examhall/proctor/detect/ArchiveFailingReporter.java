package org.examhall.proctor.detect;

import java.time.Instant;
import org.examhall.proctor.archive.ArchiveHealth;

/** Raises ARCHIVE_FAILING to the proctors while a camera's archive writes nothing, and ends it once it writes again. */
public final class ArchiveFailingReporter implements ArchiveHealth {

    private final AnomalyEmitter emitter;

    public ArchiveFailingReporter(AnomalyEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void failing(String camera, Instant since, String reason) {
        emitter.started(
                AnomalyType.ARCHIVE_FAILING,
                since,
                1.0,
                Detail.because(
                        "录像无法写入存档，网关在下一个关键帧重试",
                        "the archive cannot write this camera; retried at the next key frame",
                        reason));
    }

    @Override
    public void recovered(String camera, Instant at) {
        emitter.ended(AnomalyType.ARCHIVE_FAILING, at, 1.0);
    }
}
