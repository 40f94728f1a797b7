package org.examhall.proctor.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.examhall.proctor.Gateway;
import org.examhall.proctor.config.ConfigLoader;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.demo.SceneEncoder;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.ExamServerStandIn;
import org.examhall.proctor.testing.Loopback;
import org.examhall.proctor.testing.StreamingCamera;
import org.examhall.proctor.testing.TestArchive;
import org.examhall.proctor.viewing.TicketGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of a proctor console or a compromised exam-server account on the gateway's playback side:
 * a playlist over centuries and a burst of clip exports. The absurd range is refused before any archive
 * work, and while the exports run, the live view of the site keeps answering about as fast as before.
 * Latencies are compared with a baseline measured in the same run, since the test machines are shared.
 */
class PlaybackIsolationTest {

    private static final String TOKEN = "gateway-test-token";
    private static final Instant RECORDED = Instant.parse("2026-03-02T01:00:00Z");
    private static final int EXPORTS = 12;
    private static final int PROBES = 15;

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final WebClient live = WebClient.create(vertx);
    private final WebClient attacker =
            WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(EXPORTS + 4));
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void hugeRangesAreRefusedAndClipExportsNeverStallTheLiveView() throws Exception {
        archiveOneMinute();
        try (ExamServerStandIn examServer = ExamServerStandIn.start(vertx, TOKEN, 0, dir);
                StreamingCamera camera = startGatewayWithCamera(examServer)) {
            String base = "http://127.0.0.1:" + gateway.httpPort();
            String liveTicket = examServer.liveTicket("room1", Instant.now().plusSeconds(600));
            String playbackTicket = examServer.playbackTicket(
                    "room1",
                    Instant.parse("2026-03-01T00:00:00Z"),
                    Instant.parse("2026-03-03T00:00:00Z"),
                    Instant.now().plusSeconds(600));
            String livePlaylist = base + "/live/room1/cam1/index.m3u8";
            awaitLive(livePlaylist, liveTicket);

            long baseline = median(probe(livePlaylist, liveTicket));

            long attackStart = System.nanoTime();
            Future<HttpResponse<Buffer>> huge = attacker.getAbs(
                            base + "/playback/room1/cam1.m3u8?from=2020-06-01T00:00:00Z&to=" + RECORDED.plusSeconds(60))
                    .putHeader(TicketGuard.HEADER, playbackTicket)
                    .timeout(120_000)
                    .send();
            List<Future<HttpResponse<Buffer>>> exports = new ArrayList<>();
            for (int i = 0; i < EXPORTS; i++) {
                exports.add(attacker.postAbs(base + "/api/clips")
                        .putHeader("Authorization", "Bearer " + TOKEN)
                        .timeout(120_000)
                        .sendJsonObject(new JsonObject()
                                .put("room", "room1")
                                .put("camera", "cam1")
                                .put("from", RECORDED.toString())
                                .put("to", RECORDED.plusSeconds(60).toString())));
            }
            Thread.sleep(100);
            List<Long> underAttack = probe(livePlaylist, liveTicket);
            Future.join(exports).toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
            long attack = System.nanoTime() - attackStart;

            HttpResponse<Buffer> refused =
                    huge.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            long exported =
                    exports.stream().filter(f -> f.result().statusCode() == 201).count();
            long worst = underAttack.stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf(
                    "live playlist: baseline median %.1f ms; during the attack median %.1f ms, worst %.1f ms;"
                            + " attack lasted %.1f ms; %d of %d exports done, the rest refused as busy%n",
                    baseline / 1e6, median(underAttack) / 1e6, worst / 1e6, attack / 1e6, exported, EXPORTS);

            assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("range_too_long");
            assertThat(refused.bodyAsJsonObject().getJsonObject("message").getString("zh"))
                    .isNotBlank();
            HttpResponse<Buffer> absurd = attacker.getAbs(
                            base + "/playback/room1/cam1.m3u8?from=0001-01-01T00:00:00Z&to=0001-01-01T01:00:00Z")
                    .putHeader(TicketGuard.HEADER, playbackTicket)
                    .send()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(absurd.statusCode()).isEqualTo(400);
            assertThat(absurd.bodyAsJsonObject().getString("code")).isEqualTo("bad_range");
            assertThat(exported).as("exports still work, some of them at once").isPositive();
            exports.stream()
                    .map(Future::result)
                    .filter(r -> r.statusCode() != 201)
                    .forEach(r -> {
                        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
                        assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("clips_busy");
                    });
            // Exports share the two cores with the live view, so it may slow a little; it must never wait for them.
            assertThat(median(underAttack))
                    .as("median live latency under attack vs baseline %d ns", baseline)
                    .isLessThan(Math.max(20 * baseline, Duration.ofMillis(200).toNanos()));
            assertThat(worst)
                    .as("worst live latency vs the attack's %d ns", attack)
                    .isLessThan(attack / 2);
        }
    }

    /** One minute of one camera in the gateway's archive, as if recorded the day before. */
    private void archiveOneMinute() throws Exception {
        Path recording = Clips.generate(dir.resolve("recording.ts"), 60, List.of());
        TestArchive archive = new TestArchive(dir.resolve("archive"), Clock.fixed(RECORDED, ZoneOffset.UTC));
        Clips.archive(archive, "room1", recording, RECORDED, Duration.ofSeconds(4));
        archive.close();
    }

    private StreamingCamera startGatewayWithCamera(ExamServerStandIn examServer) throws Exception {
        int cameraPort = Loopback.freeUdpPort();
        GatewayConfig config = ConfigLoader.parse(
                """
                site: site1
                demo: true
                dataDir: %s
                examServer:
                  url: http://127.0.0.1:%d
                  token: %s
                http:
                  port: %d
                detection:
                  enabled: false
                rooms:
                  - id: room1
                    name: 第一考场
                    sources:
                      - {id: cam1, type: udp-ts, url: "udp://127.0.0.1:%d"}
                """.formatted(dir, examServer.port(), TOKEN, Loopback.freeTcpPort(), cameraPort), Map.of());
        gateway = Gateway.start(config, Clock.systemUTC());
        return StreamingCamera.udp(cameraPort, 600, SceneEncoder.Settings.small("mpegts"), List.of());
    }

    private void awaitLive(String url, String ticket) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (status(live, url, ticket) != 200) {
            assertThat(System.nanoTime())
                    .as("the camera's live playlist appears within 30 s")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Latencies of live playlist requests one after another, as a player polls. */
    private List<Long> probe(String url, String ticket) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            long start = System.nanoTime();
            assertThat(status(live, url, ticket)).isEqualTo(200);
            latencies.add(System.nanoTime() - start);
            Thread.sleep(50);
        }
        return latencies;
    }

    private static int status(WebClient client, String url, String ticket) throws Exception {
        return client.getAbs(url)
                .putHeader(TicketGuard.HEADER, ticket)
                .timeout(60_000)
                .send()
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS)
                .statusCode();
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
