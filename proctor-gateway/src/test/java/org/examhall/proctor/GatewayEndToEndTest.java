package org.examhall.proctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.examhall.proctor.config.ConfigLoader;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.demo.SceneEncoder;
import org.examhall.proctor.demo.SceneEvent;
import org.examhall.proctor.testing.Await;
import org.examhall.proctor.testing.ExamServerStandIn;
import org.examhall.proctor.testing.Loopback;
import org.examhall.proctor.testing.Probe;
import org.examhall.proctor.testing.StreamingCamera;
import org.examhall.proctor.viewing.TicketGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The whole gateway as deployed: a camera pushing MPEG-TS over UDP, the live page playing in headless
 * Chromium through a viewing ticket, anomalies arriving at a stand-in exam-server, playback and clip
 * export over HTTP.
 */
class GatewayEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "gateway-test-token";

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private Gateway gateway;
    private ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void liveViewPlaysInChromiumAnomaliesReachExamServerAndFootageCanBeReplayedAndClipped() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail(
                    "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        }
        ExamServerStandIn examServer = ExamServerStandIn.start(vertx, TOKEN, 0, dir);
        List<JsonObject> anomalies = examServer.anomalies;
        int cameraPort = Loopback.freeUdpPort();
        int httpPort = Loopback.freeTcpPort();
        String base = "http://127.0.0.1:" + httpPort;
        GatewayConfig config =
                ConfigLoader.parse("""
                site: site1
                demo: true
                dataDir: %s
                archive:
                  segmentSeconds: 10
                examServer:
                  url: http://127.0.0.1:%d
                  token: %s
                http:
                  port: %d
                  publicUrl: %s
                detection:
                  calibrationSeconds: 4
                  talkingSeconds: 1.5
                rooms:
                  - id: room1
                    name: 第一考场
                    sources:
                      - id: cam1
                        type: udp-ts
                        url: udp://127.0.0.1:%d
                """.formatted(dir, examServer.port(), TOKEN, httpPort, base, cameraPort), Map.of());
        gateway = Gateway.start(config, Clock.systemUTC());
        Instant cameraStart = Instant.now();
        try (StreamingCamera camera = StreamingCamera.udp(
                cameraPort,
                28,
                SceneEncoder.Settings.small("mpegts"),
                List.of(new SceneEvent(SceneEvent.Kind.SPEECH, 12, 17)))) {

            // The proctor console opens the page with a ticket; the player sends it with every playlist and segment.
            String ticket = examServer.liveTicket("room1", Instant.now().plus(Duration.ofMinutes(10)));
            browser = chromium();
            browser.get(base + "/live/room1?ticket=" + ticket);
            JavascriptExecutor js = browser;
            Await.until(
                    Duration.ofSeconds(20),
                    () -> ((Number) js.executeScript("return document.getElementById('video').currentTime"))
                                    .doubleValue()
                            > 0.5);
            double first =
                    ((Number) js.executeScript("return document.getElementById('video').currentTime")).doubleValue();
            Thread.sleep(3000);
            double later =
                    ((Number) js.executeScript("return document.getElementById('video').currentTime")).doubleValue();
            assertThat(later - first).as("live video advances").isGreaterThan(2.0);
            assertThat(browser.getCurrentUrl())
                    .as("the ticket leaves the address bar and history")
                    .doesNotContain("ticket")
                    .endsWith("/live/room1");
            Files.write(Path.of("target", "live-view.png"), browser.getScreenshotAs(OutputType.BYTES));

            WebClient http = WebClient.create(vertx);
            assertThat(get(http, base + "/api/rooms").statusCode())
                    .as("camera status without the gateway token")
                    .isEqualTo(401);
            JsonObject rooms = asExamServer(http, base + "/api/rooms").bodyAsJsonObject();
            JsonObject cam = rooms.getJsonArray("rooms")
                    .getJsonObject(0)
                    .getJsonArray("cameras")
                    .getJsonObject(0);
            assertThat(cam.getBoolean("online")).isTrue();
            assertThat(cam.getString("livePlaylist")).isEqualTo("/live/room1/cam1/index.m3u8");
            assertThat(cam.getJsonObject("archive").getString("state")).isEqualTo("OK");
            assertThat(get(http, base + "/metrics").statusCode())
                    .as("metrics without the gateway token")
                    .isEqualTo(401);
            String metrics = asExamServer(http, base + "/metrics").bodyAsString();
            assertThat(metrics)
                    .contains("examhall_gateway_camera_online{site=\"site1\",room=\"room1\",camera=\"cam1\"} 1")
                    .contains("examhall_gateway_archive_failing{site=\"site1\",room=\"room1\",camera=\"cam1\"} 0");
            assertThat(talkingDetailInBothLanguages(anomalies)).isTrue();

            Await.until(
                    Duration.ofSeconds(15),
                    () -> anomalies.stream().anyMatch(a -> a.getString("type").equals("TALKING")));
            JsonObject talking = anomalies.stream()
                    .filter(a -> a.getString("type").equals("TALKING"))
                    .findFirst()
                    .orElseThrow();
            assertThat(talking.getString("room")).isEqualTo("room1");
            assertThat(talking.getString("clipUrl")).startsWith(base + "/play/room1?camera=cam1&from=");
            System.out.println("anomalies received by exam-server: " + anomalies);
            // The day was listed in the room's day index when its first segment was archived: exam-server witnessed it.
            Await.until(Duration.ofSeconds(15), () -> !examServer.heads.isEmpty());
            JsonObject head = examServer.heads.get(0);
            assertThat(head.getString("camera")).isEqualTo("room1");
            assertThat(head.getString("day")).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(head.getLong("seq")).isPositive();
            assertThat(head.getString("hash")).matches("[0-9a-f]{64}");

            camera.awaitEnd();
            Instant from = cameraStart.plusSeconds(8);
            Instant to = cameraStart.plusSeconds(20);
            // Replaying needs a ticket for that purpose and time; the live one is refused there.
            String playback = examServer.playbackTicket(
                    "room1",
                    cameraStart,
                    cameraStart.plusSeconds(60),
                    Instant.now().plusSeconds(600));
            String playlistUrl = base + "/playback/room1/cam1.m3u8?from=" + from + "&to=" + to;
            assertThat(get(http, playlistUrl, ticket).statusCode()).isEqualTo(403);
            HttpResponse<Buffer> playlist = get(http, playlistUrl, playback);
            assertThat(playlist.statusCode()).isEqualTo(200);
            String segmentUrl = playlist.bodyAsString()
                    .lines()
                    .filter(l -> l.startsWith("/archive/"))
                    .findFirst()
                    .orElseThrow();
            assertThat(get(http, base + segmentUrl, playback).statusCode()).isEqualTo(200);
            assertThat(get(http, base + segmentUrl, null).statusCode()).isEqualTo(401);

            HttpResponse<Buffer> refused = http.postAbs(base + "/api/clips")
                    .sendJsonObject(new JsonObject())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(401);
            HttpResponse<Buffer> exported = http.postAbs(base + "/api/clips")
                    .putHeader("Authorization", "Bearer " + TOKEN)
                    .sendJsonObject(new JsonObject()
                            .put("room", "room1")
                            .put("camera", "cam1")
                            .put("from", cameraStart.plusSeconds(10).toString())
                            .put("to", cameraStart.plusSeconds(16).toString()))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(exported.statusCode()).as(exported.bodyAsString()).isEqualTo(201);
            JsonObject clip = exported.bodyAsJsonObject();
            Path clipFile = dir.resolve("clip.ts");
            Files.write(
                    clipFile, asExamServer(http, clip.getString("url")).body().getBytes());
            assertThat(asExamServer(http, clip.getString("sm3Url")).bodyAsString())
                    .startsWith(clip.getString("sm3"));
            Probe probe = Probe.of(clipFile);
            assertThat(probe.hasVideo()).isTrue();
            assertThat(probe.hasAudio()).isTrue();
            assertThat(new JsonArray(clip.getJsonArray("sources").getList())).isNotEmpty();
        }
    }

    /** The detail reaches exam-server in English and in Chinese, once a TALKING report has arrived. */
    private static boolean talkingDetailInBothLanguages(List<JsonObject> anomalies) throws InterruptedException {
        Await.until(
                Duration.ofSeconds(15),
                () -> anomalies.stream().anyMatch(a -> a.getString("type").equals("TALKING")));
        JsonObject talking = anomalies.stream()
                .filter(a -> a.getString("type").equals("TALKING"))
                .findFirst()
                .orElseThrow();
        return talking.getString("detail").startsWith("voice above")
                && talking.getString("detailZh").startsWith("人声高于");
    }

    private HttpResponse<Buffer> get(WebClient http, String url) throws Exception {
        return http.getAbs(url).send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> get(WebClient http, String url, String ticket) throws Exception {
        HttpRequest<Buffer> request = http.getAbs(url);
        if (ticket != null) {
            request.putHeader(TicketGuard.HEADER, ticket);
        }
        return request.send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> asExamServer(WebClient http, String url) throws Exception {
        return http.getAbs(url)
                .putHeader("Authorization", "Bearer " + TOKEN)
                .send()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private ChromeDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required",
                "--no-first-run",
                "--disable-background-networking",
                "--window-size=800,600",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
