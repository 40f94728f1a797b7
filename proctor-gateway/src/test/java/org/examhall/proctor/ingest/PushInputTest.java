package org.examhall.proctor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.examhall.proctor.archive.GapRecorder;
import org.examhall.proctor.archive.SegmentRecorder;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.demo.SceneEncoder;
import org.examhall.proctor.log.CameraRef;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Loopback;
import org.examhall.proctor.testing.Probe;
import org.examhall.proctor.testing.TestArchive;
import org.examhall.protocol.retry.Backoff;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Encoders that push: the gateway listens for RTMP or SRT and archives what arrives, sound included. */
class PushInputTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "RTMP_LISTEN, rtmp://127.0.0.1:%d/live/cam1, rtmp://127.0.0.1:%d/live/cam1, flv",
        "SRT_LISTEN,  srt://127.0.0.1:%d,             srt://127.0.0.1:%d?mode=caller, mpegts"
    })
    void pushedStreamsAreArchivedWithVideoAndAudio(SourceType type, String listen, String push, String format)
            throws Exception {
        int port = Loopback.freeTcpPort();
        try (TestArchive archive = new TestArchive(dir)) {
            SegmentRecorder recorder = new SegmentRecorder(
                    "room1", "cam1", archive.layout, archive.store, archive.manifests, Duration.ofSeconds(3));
            CameraIngest ingest = new CameraIngest(
                    new CameraRef("site1", "room1", "cam1"),
                    new SourceConfig("cam1", type, listen.formatted(port), Map.of()),
                    List.of(recorder),
                    new GapRecorder("room1", archive.manifests, Clock.systemUTC()),
                    4000,
                    Backoff.doubling(100, 500),
                    Clock.systemUTC());
            Thread thread = new Thread(ingest);
            thread.start();
            // Give the listener a moment to bind before the encoder connects.
            Thread.sleep(500);
            new SceneEncoder(SceneEncoder.Settings.small(format), "push", TestArchive.ZONE, List.of(), 3)
                    .encode(push.formatted(port), 7, true, Clock.systemUTC(), () -> true);
            ingest.stop();
            thread.join(10_000);

            List<ManifestLine> segments =
                    ManifestReader.read(archive.layout.manifestFile("room1", archive.layout.day(Instant.now())))
                            .stream()
                            .filter(l -> l.type().equals("segment"))
                            .toList();
            assertThat(segments).hasSizeGreaterThanOrEqualTo(2);
            for (ManifestLine segment : segments) {
                Probe probe = Probe.of(archive.layout
                        .dayDir("room1", archive.layout.day(Instant.now()))
                        .resolve(segment.fields().get("path").asText()));
                assertThat(probe.hasVideo()).isTrue();
                assertThat(probe.audioCodec()).isEqualTo("aac");
            }
        }
    }
}
