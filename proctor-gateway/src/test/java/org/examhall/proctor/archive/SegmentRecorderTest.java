package org.examhall.proctor.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.ingest.CameraIngest;
import org.examhall.proctor.log.CameraRef;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Loopback;
import org.examhall.proctor.testing.Probe;
import org.examhall.proctor.testing.StreamingCamera;
import org.examhall.proctor.testing.TestArchive;
import org.examhall.protocol.retry.Backoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentRecorderTest {

    @TempDir
    Path dir;

    @Test
    void udpCameraIsCutIntoKeyFrameAlignedSegmentsThatEachCarryVideoAndAudio() throws Exception {
        int port = Loopback.freeUdpPort();
        try (TestArchive archive = new TestArchive(dir)) {
            SourceConfig source = new SourceConfig("cam1", SourceType.UDP_TS, "udp://127.0.0.1:" + port, Map.of());
            GapRecorder gaps = new GapRecorder("room1", archive.manifests, Clock.systemUTC());
            SegmentRecorder recorder = new SegmentRecorder(
                    "room1", "cam1", archive.layout, archive.store, archive.manifests, Duration.ofSeconds(3));
            CameraIngest ingest = new CameraIngest(
                    new CameraRef("site1", "room1", "cam1"),
                    source,
                    List.of(recorder),
                    gaps,
                    2000,
                    Backoff.doubling(100, 1000),
                    Clock.systemUTC());
            Thread thread = new Thread(ingest);
            thread.start();
            try (StreamingCamera camera = StreamingCamera.udp(port, 11)) {
                camera.awaitEnd();
            }
            ingest.stop();
            thread.join(10_000);
            gaps.close();

            List<ManifestLine> segments = segments(archive, Instant.now());
            assertThat(segments).hasSizeGreaterThanOrEqualTo(3);
            for (ManifestLine segment : segments) {
                Path file = archive.layout
                        .dayDir(
                                "room1",
                                archive.layout.day(Instant.parse(
                                        segment.fields().get("start").asText())))
                        .resolve(segment.fields().get("path").asText());
                Probe probe = Probe.of(file);
                assertThat(probe.hasVideo()).as("video in %s", file).isTrue();
                assertThat(probe.hasAudio()).as("audio in %s", file).isTrue();
                assertThat(probe.audioCodec()).isEqualTo("aac");
            }
            // Whole segments (not the first or last, which the start and end of the stream cut short) last the set
            // length.
            for (ManifestLine segment : segments.subList(1, segments.size() - 1)) {
                Path file = archive.layout
                        .dayDir("room1", archive.layout.day(Instant.now()))
                        .resolve(segment.fields().get("path").asText());
                assertThat(Probe.of(file).seconds()).isCloseTo(3.0, within(0.6));
                assertThat(segment.fields().get("durationMs").asLong()).isBetween(2500L, 3600L);
            }
        }
    }

    private static List<ManifestLine> segments(TestArchive archive, Instant day) throws Exception {
        return ManifestReader.read(archive.layout.manifestFile("room1", archive.layout.day(day))).stream()
                .filter(l -> l.type().equals("segment"))
                .toList();
    }
}
