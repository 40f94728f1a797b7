package org.examhall.proctor.ingest;

import java.util.Arrays;
import org.examhall.proctor.log.CameraRef;

/**
 * The log of what the {@link TimestampSanitizer} did on one connection: every new timeline at once (a camera
 * reboot or a looping server is worth knowing about), the routine repairs as counts when the connection ends.
 */
final class TimestampRepairs {

    private static final System.Logger LOG = System.getLogger(TimestampRepairs.class.getName());

    private final CameraRef camera;
    /** Packets by {@link TimestampSanitizer.Repair} ordinal; counted for every packet, so no boxing. */
    private final long[] counts = new long[TimestampSanitizer.Repair.values().length];

    TimestampRepairs(CameraRef camera) {
        this.camera = camera;
    }

    void count(String stream, TimestampSanitizer.Fixed fixed, long pts, long dts) {
        counts[fixed.repair().ordinal()]++;
        if (fixed.repair() == TimestampSanitizer.Repair.NEW_TIMELINE) {
            camera.event("timestamps_restarted")
                    .with("stream", stream)
                    .with("pts", pts)
                    .with("dts", dts)
                    .with("continued_at", fixed.dts())
                    .with("note_zh", "时间戳跳变（摄像头重启、循环播放或时钟跳变），已接续录制")
                    .with(
                            "note_en",
                            "timestamps jumped (camera reboot, looping stream or clock jump); recording continues")
                    .log(LOG, System.Logger.Level.WARNING);
        }
    }

    void summarise() {
        long filled = counts[TimestampSanitizer.Repair.FILLED.ordinal()];
        long monotonic = counts[TimestampSanitizer.Repair.MONOTONIC.ordinal()];
        if (filled + monotonic > 0) {
            camera.event("timestamps_repaired")
                    .with("packets", Arrays.stream(counts).sum())
                    .with("dts_filled", filled)
                    .with("dts_made_monotonic", monotonic)
                    .with("timelines", counts[TimestampSanitizer.Repair.NEW_TIMELINE.ordinal()])
                    .log(LOG, System.Logger.Level.INFO);
        }
    }
}
