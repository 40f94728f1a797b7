package org.examhall.proctor.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.examhall.proctor.archive.GapRecorder;
import org.examhall.proctor.archive.SegmentRecorder;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.demo.SceneEncoder;
import org.examhall.proctor.demo.SceneEvent;
import org.examhall.proctor.ingest.CameraIngest;
import org.examhall.proctor.log.CameraRef;
import org.examhall.protocol.retry.Backoff;

/** Generated recordings, and archives built from them as fast as the CPU allows (no real-time pacing). */
public final class Clips {

    private Clips() {}

    public static Path generate(Path file, double seconds, List<SceneEvent> events) throws Exception {
        return generate(file, seconds, events, SceneEncoder.Settings.small("mpegts"));
    }

    public static Path generate(Path file, double seconds, List<SceneEvent> events, SceneEncoder.Settings settings)
            throws Exception {
        new SceneEncoder(settings, "clip", TestArchive.ZONE, events, 1)
                .encode(file.toString(), seconds, false, Clock.systemUTC(), () -> true);
        return file;
    }

    /** Archives a recorded file into {@code archive} as camera {@code cam1} of {@code room}, starting at {@code start}. */
    public static void archive(
            TestArchive archive, String room, Path recording, Instant start, Duration segmentLength) {
        Clock clock = Clock.fixed(start, ZoneOffset.UTC);
        SegmentRecorder recorder =
                new SegmentRecorder(room, "cam1", archive.layout, archive.store, archive.manifests, segmentLength);
        GapRecorder gaps = new GapRecorder(room, archive.manifests, clock);
        new CameraIngest(
                        new CameraRef("site1", room, "cam1"),
                        new SourceConfig("cam1", SourceType.FILE, recording.toString(), Map.of()),
                        List.of(recorder),
                        gaps,
                        5000,
                        Backoff.doubling(100, 100),
                        clock)
                .run();
    }
}
