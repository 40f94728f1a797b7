package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.examhall.proctor.Gateway;
import org.examhall.proctor.config.ConfigLoader;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;

/**
 * What the monitoring watches, for real: a session running on an exam-server node in a room whose camera is filmed
 * through a proctor gateway registered on that node. The camera delivers nothing, so the gateway has it offline.
 */
final class MonitoredSite implements AutoCloseable {

    private final TestServer node;
    private final Gateway gateway;
    private final String cameraKey;
    private final String gatewayToken;
    private final int gatewayPort;
    private final Path gatewayData;

    private MonitoredSite(
            TestServer node,
            Gateway gateway,
            String cameraKey,
            String gatewayToken,
            int gatewayPort,
            Path gatewayData) {
        this.node = node;
        this.gateway = gateway;
        this.cameraKey = cameraKey;
        this.gatewayToken = gatewayToken;
        this.gatewayPort = gatewayPort;
        this.gatewayData = gatewayData;
    }

    static MonitoredSite start(TestServer node, Path gatewayData) throws Exception {
        ExamRoom room = ExamRoom.create(node, 25);
        int gatewayPort = TestServer.freePort();
        String token = room.registerGateway("http://127.0.0.1:" + gatewayPort).getString("token");
        String cameraKey = "room-" + UUID.randomUUID().toString().substring(0, 8);
        ok(room.admin.post("/api/rooms/" + room.roomId + "/camera", new JsonObject().put("cameraKey", cameraKey)), 200);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        room.addCandidate(sessionId, "赵磊", Photos.person(63, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        Gateway gateway = Gateway.start(
                ConfigLoader.parse(
                        """
                site: county-metrics
                demo: true
                dataDir: %s
                examServer:
                  url: %s
                  token: %s
                http:
                  port: %d
                  publicUrl: http://127.0.0.1:%d
                rooms:
                  - id: %s
                    name: 监控测试考场
                    sources:
                      - id: cam1
                        type: udp-ts
                        url: udp://127.0.0.1:%d
                """.formatted(
                                gatewayData, node.baseUrl(), token, gatewayPort, gatewayPort, cameraKey, freeUdpPort()),
                        Map.of()),
                Clock.systemUTC());
        return new MonitoredSite(node, gateway, cameraKey, token, gatewayPort, gatewayData);
    }

    /** The gateway's room id, which is the room's camera key at the node. */
    String cameraKey() {
        return cameraKey;
    }

    String gatewayToken() {
        return gatewayToken;
    }

    int gatewayPort() {
        return gatewayPort;
    }

    Path archive() {
        return gatewayData.resolve("archive");
    }

    /** The node's /metrics once {@code ready} holds (its gauges are counted every few seconds), or after 30 s. */
    MetricsText nodeMetrics(Predicate<MetricsText> ready) throws InterruptedException {
        return scrape(node.client(), ready);
    }

    MetricsText gatewayMetrics(Predicate<MetricsText> ready) throws InterruptedException {
        return scrape(
                new ApiClient(node.server().vertx(), gatewayPort).withHeader("Authorization", "Bearer " + gatewayToken),
                ready);
    }

    @Override
    public void close() {
        gateway.close();
    }

    private static MetricsText scrape(ApiClient client, Predicate<MetricsText> ready) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        MetricsText metrics;
        do {
            HttpResponse<Buffer> response = client.get("/metrics");
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            metrics = MetricsText.parse(response.bodyAsString());
            if (ready.test(metrics)) {
                return metrics;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return metrics;
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
