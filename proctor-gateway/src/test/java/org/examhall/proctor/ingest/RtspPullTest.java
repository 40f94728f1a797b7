package org.examhall.proctor.ingest;

import org.examhall.proctor.log.CameraRef;
import org.examhall.proctor.archive.GapRecorder;
import org.examhall.proctor.archive.SegmentRecorder;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Await;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.Loopback;
import org.examhall.proctor.testing.Probe;
import org.examhall.proctor.testing.RtspTestServer;
import org.examhall.proctor.testing.TestArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera pulled over RTSP (TCP interleaved, MPEG-TS in RTP) as the gateway pulls site cameras: picture and
 * sound are archived; a camera that vanishes leaves a gap and is reconnected by the backoff once it is back;
 * a camera that stays connected but stops sending is given up by the watchdog and reconnected.
 */
class RtspPullTest {

    private static final long STALL_MILLIS = 2000;

    @TempDir
    Path dir;

    private record Connection(Instant at, boolean up, String reason) {
    }

    @Test
    void anRtspCameraIsArchivedWithSoundAndOutagesBecomeGapsFollowedByReconnects() throws Exception {
        Path clip = Clips.generate(dir.resolve("camera.ts"), 16, List.of());
        int port = Loopback.freeTcpPort();
        List<Connection> connections = new CopyOnWriteArrayList<>();
        ConnectionListener log = new ConnectionListener() {
            @Override
            public void connected(String camera, Instant at) {
                connections.add(new Connection(at, true, null));
            }

            @Override
            public void disconnected(String camera, Instant lastMediaAt, String reason) {
                connections.add(new Connection(lastMediaAt, false, reason));
            }
        };
        try (TestArchive archive = new TestArchive(dir.resolve("archive"))) {
            GapRecorder gaps = new GapRecorder("room1", archive.manifests, Clock.systemUTC());
            SegmentRecorder recorder = new SegmentRecorder("room1", "cam1", archive.layout, archive.store, archive.manifests,
                    Duration.ofSeconds(3));
            RtspTestServer camera = RtspTestServer.start(port, clip);
            CameraIngest ingest = new CameraIngest(new CameraRef("site1", "room1", "cam1"), new SourceConfig("cam1", SourceType.RTSP, camera.url(), Map.of()),
                    List.of(recorder), ConnectionListener.all(List.of(gaps, log)), STALL_MILLIS, new Backoff(200, 1000),
                    Clock.systemUTC());
            Thread thread = new Thread(ingest, "ingest-rtsp-test");
            thread.start();
            try {
                Await.until(Duration.ofSeconds(15), () -> connections.stream().anyMatch(Connection::up));
                Thread.sleep(6000);

                // The camera loses power: connection and listener gone at once.
                camera.close();
                Instant powerLost = Instant.now();
                Await.until(Duration.ofSeconds(10), () -> connections.stream().anyMatch(c -> !c.up()));
                Thread.sleep(4000);

                try (RtspTestServer back = RtspTestServer.start(port, clip)) {
                    Instant powerBack = Instant.now();
                    Await.until(Duration.ofSeconds(10), () -> connections.stream().filter(Connection::up).count() >= 2);
                    Instant reconnected = connections.stream().filter(Connection::up).toList().get(1).at();
                    // The backoff is capped at 1 s: the camera is found again within about that, plus the RTSP handshake.
                    assertThat(Duration.between(powerBack, reconnected)).isLessThan(Duration.ofSeconds(6));
                    Thread.sleep(5000);

                    // The encoder hangs with the connection open: only the watchdog can notice.
                    back.freeze();
                    Instant frozen = Instant.now();
                    Await.until(Duration.ofSeconds(15), () -> back.plays() >= 2
                            && connections.stream().filter(Connection::up).count() >= 3);
                    Connection third = connections.stream().filter(Connection::up).toList().get(2);
                    // Given up after the stall time, then backoff, RTSP handshake, probe and the first key frame.
                    assertThat(Duration.between(frozen, third.at())).isGreaterThanOrEqualTo(Duration.ofMillis(STALL_MILLIS))
                            .isLessThan(Duration.ofMillis(STALL_MILLIS + 8000));
                    System.out.printf("RTSP: media again %d ms after the camera came back; %d ms after it hung%n",
                            Duration.between(powerBack, reconnected).toMillis(), Duration.between(frozen, third.at()).toMillis());
                    Thread.sleep(3000);

                    List<ManifestLine> manifest = ManifestReader.read(archive.layout.manifestFile("room1",
                            archive.layout.day(Instant.now())));
                    List<ManifestLine> gapsListed = manifest.stream().filter(l -> l.type().equals("gap")).toList();
                    assertThat(gapsListed).as("the power cut and the hang").hasSize(2);
                    Instant gapFrom = Instant.parse(gapsListed.get(0).fields().get("from").asText());
                    Instant gapTo = Instant.parse(gapsListed.get(0).fields().get("to").asText());
                    assertThat(Duration.between(gapFrom, powerLost).abs()).isLessThan(Duration.ofSeconds(2));
                    assertThat(Duration.between(gapTo, reconnected).abs()).isLessThan(Duration.ofSeconds(1));
                    assertThat(gapsListed.get(0).fields().get("reason").asText()).startsWith("camera offline");
                    System.out.println("RTSP connections: " + connections);
                }
            } finally {
                ingest.stop();
                thread.join(10_000);
            }

            List<ManifestLine> segments = ManifestReader.read(archive.layout.manifestFile("room1", archive.layout.day(Instant.now())))
                    .stream().filter(l -> l.type().equals("segment")).toList();
            assertThat(segments).hasSizeGreaterThanOrEqualTo(4);
            for (ManifestLine segment : segments) {
                Probe probe = Probe.of(archive.layout.dayDir("room1", archive.layout.day(Instant.now()))
                        .resolve(segment.fields().get("path").asText()));
                assertThat(probe.hasVideo()).isTrue();
                assertThat(probe.hasAudio()).as("sound over RTSP").isTrue();
                assertThat(probe.audioCodec()).isEqualTo("aac");
            }
        }
    }
}
