package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus, with the shipped rules, scrapes a real node and a real gateway the way prometheus.yml does
 * (one job each, the gateway with its bearer token): the camera of the room whose session runs, silent at the
 * gateway, raises CameraOfflineInRunningSession from the two scrapes joined on room, and nothing says a node or
 * the gateway is down or a member lost.
 */
class PrometheusOnRealTargetsTest {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final TestServer server = TestServer.shared();

    @TempDir
    static Path dir;

    private static MonitoredSite site;
    private static Process prometheus;
    private static String prometheusUrl;

    @BeforeAll
    static void prometheusScrapesTheSite() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            fail(
                    "needs Debian's prometheus package (apt-get install --no-install-recommends prometheus; .ci/run does)");
        }
        site = MonitoredSite.start(server, Files.createDirectories(dir.resolve("gateway")));
        Path token = Files.writeString(dir.resolve("gateway-token"), site.gatewayToken());
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - %s
            scrape_configs:
              - job_name: examhall-node
                static_configs:
                  - targets: ["127.0.0.1:%d"]
              - job_name: examhall-gateway
                authorization:
                  credentials_file: %s
                static_configs:
                  - targets: ["127.0.0.1:%d"]
            """.formatted(
                        PrometheusRules.DIRECTORY.resolve(PrometheusRules.RULES).toAbsolutePath(),
                        server.port(),
                        token,
                        site.gatewayPort()));
        int port = TestServer.freePort();
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void theSilentCameraOfTheRunningSessionRaisesTheAlertAndNothingElseIsDown() throws Exception {
        JsonNode camera = awaitAlert("CameraOfflineInRunningSession", site.cameraKey());
        assertThat(camera.path("labels").path("camera").asText()).isEqualTo("cam1");
        assertThat(camera.path("labels").path("site").asText()).isEqualTo("county-metrics");
        assertThat(camera.path("state").asText()).as("for: 1m has not passed").isEqualTo("pending");
        assertThat(alertNames()).doesNotContain("ExamNodeDown", "GatewayDown", "ClusterMemberLost");
    }

    @Test
    void theDiskRuleSeesTheNodeAndTheGateway() throws Exception {
        List<String> jobs = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jobs.size() < 2 && System.nanoTime() < deadline) {
            jobs.clear();
            for (JsonNode series : query("1 - examhall_disk_free_bytes / examhall_disk_total_bytes")
                    .path("result")) {
                jobs.add(series.path("metric").path("job").asText());
            }
            Thread.sleep(500);
        }
        assertThat(jobs).contains("examhall-node", "examhall-gateway");
    }

    private static JsonNode awaitAlert(String name, String room) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
            for (JsonNode alert : alerts()) {
                if (alert.path("labels").path("alertname").asText().equals(name)
                        && alert.path("labels").path("room").asText().equals(room)) {
                    return alert;
                }
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        fail(name + " for room " + room + " not raised in 60 s; alerts: " + alerts() + "; Prometheus' log: "
                + Files.readString(dir.resolve("prometheus.log")));
        return null;
    }

    private static List<String> alertNames() throws Exception {
        List<String> names = new ArrayList<>();
        alerts().forEach(a -> names.add(a.path("labels").path("alertname").asText()));
        return names;
    }

    private static JsonNode alerts() throws InterruptedException {
        return get("/api/v1/alerts").path("alerts");
    }

    private static JsonNode query(String promql) throws InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The answer's data, or an empty node while Prometheus is still starting. */
    private static JsonNode get(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(prometheusUrl + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("data");
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
