package org.examhall.proctor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.examhall.proctor.archive.GapRecorder;
import org.examhall.proctor.archive.SegmentRecorder;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.detect.Anomaly;
import org.examhall.proctor.detect.AnomalyEmitter;
import org.examhall.proctor.detect.AnomalyType;
import org.examhall.proctor.detect.ClipLinks;
import org.examhall.proctor.detect.OfflineReporter;
import org.examhall.proctor.log.CameraRef;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Loopback;
import org.examhall.proctor.testing.StreamingCamera;
import org.examhall.proctor.testing.TestArchive;
import org.examhall.protocol.retry.Backoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraDropOutTest {

    @TempDir
    Path dir;

    @Test
    void aCameraThatDropsOutAndComesBackLeavesAGapInTheManifestAndAnOfflineFlag() throws Exception {
        int port = Loopback.freeUdpPort();
        List<Anomaly> anomalies = new CopyOnWriteArrayList<>();
        try (TestArchive archive = new TestArchive(dir)) {
            GapRecorder gaps = new GapRecorder("room1", archive.manifests, Clock.systemUTC());
            OfflineReporter offline = new OfflineReporter(
                    new AnomalyEmitter("site1", "room1", "cam1", anomalies::add, new ClipLinks("http://gateway:8090")));
            SegmentRecorder recorder = new SegmentRecorder(
                    "room1", "cam1", archive.layout, archive.store, archive.manifests, Duration.ofSeconds(60));
            CameraIngest ingest = new CameraIngest(
                    new CameraRef("site1", "room1", "cam1"),
                    new SourceConfig("cam1", SourceType.UDP_TS, "udp://127.0.0.1:" + port, Map.of()),
                    List.of(recorder),
                    ConnectionListener.all(List.of(gaps, offline)),
                    2000,
                    Backoff.doubling(200, 1000),
                    Clock.systemUTC());
            Thread thread = new Thread(ingest);
            thread.start();

            try (StreamingCamera first = StreamingCamera.udp(port, 5)) {
                first.awaitEnd();
            }
            Instant cameraStopped = Instant.now();
            Thread.sleep(6000);
            Instant cameraBack = Instant.now();
            try (StreamingCamera second = StreamingCamera.udp(port, 5)) {
                second.awaitEnd();
            }
            ingest.stop();
            thread.join(10_000);

            List<ManifestLine> gapsListed =
                    ManifestReader.read(archive.layout.manifestFile("room1", archive.layout.day(cameraBack))).stream()
                            .filter(l -> l.type().equals("gap"))
                            .toList();
            assertThat(gapsListed).hasSize(1);
            Instant from = Instant.parse(gapsListed.get(0).fields().get("from").asText());
            Instant to = Instant.parse(gapsListed.get(0).fields().get("to").asText());
            assertThat(Duration.between(cameraStopped, from).abs())
                    .as("gap start %s, camera stopped %s", from, cameraStopped)
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(Duration.between(cameraBack, to).abs())
                    .as("gap end %s, camera back %s", to, cameraBack)
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(gapsListed.get(0).fields().get("reason").asText()).startsWith("camera offline");

            List<Anomaly> offlineFlags = anomalies.stream()
                    .filter(a -> a.type() == AnomalyType.CAMERA_OFFLINE)
                    .toList();
            assertThat(offlineFlags).hasSize(2);
            assertThat(offlineFlags.get(0).endedAt()).isNull();
            assertThat(offlineFlags.get(1).id()).isEqualTo(offlineFlags.get(0).id());
            assertThat(offlineFlags.get(1).endedAt()).isEqualTo(to);
            assertThat(
                            ManifestReader.read(archive.layout.manifestFile("room1", archive.layout.day(cameraBack)))
                                    .stream()
                                    .filter(l -> l.type().equals("segment"))
                                    .count())
                    .isGreaterThanOrEqualTo(2);
        }
    }
}
