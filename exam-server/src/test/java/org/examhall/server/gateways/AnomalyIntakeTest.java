package org.examhall.server.gateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.LiveSocket;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A gateway's anomaly report reaches the consoles of the session running in that camera's room,
 * is stored once however often it is resent, and becomes an incident only when a proctor confirms it.
 */
class AnomalyIntakeTest {

    private final TestServer server = TestServer.shared();

    @Test
    void anAnomalyReachesTheRoomsConsoleAndAProctorDecides() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        JsonObject gateway = room.registerGateway();
        String token = gateway.getString("token");
        String camera = TestServer.uniqueName("room-1");
        ok(room.admin.post("/api/rooms/" + room.roomId + "/camera", new JsonObject().put("cameraKey", camera)), 200);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        JsonObject video = ok(room.proctor1.client().get("/api/sessions/" + sessionId + "/video"), 200);
        assertThat(video.getString("gatewayUrl")).isEqualTo("http://127.0.0.1:8090");
        assertThat(video.getString("cameraKey")).isEqualTo(camera);

        try (LiveSocket console = LiveSocket.open(
                server.port(),
                "/api/sessions/" + sessionId + "/live",
                room.proctor2.client().sessionCookie())) {
            JsonObject first = console.next(20);
            assertThat(first).as("the console's first message, the grid").isNotNull();
            assertThat(first.getString("type")).isEqualTo("grid");

            ApiClient gatewayClient = server.client().withHeader("Authorization", "Bearer " + token);
            JsonObject report = new JsonObject()
                    .put("site", "demo")
                    .put("room", camera)
                    .put("type", "TALKING")
                    .put("startedAt", Instant.now().minusSeconds(20).toString())
                    .put("endedAt", Instant.now().minusSeconds(5).toString())
                    .put("confidence", 0.87)
                    .put("clipUrl", "http://127.0.0.1:8090/clips/1.ts")
                    .put("detail", "voice above ambient by 14 dB")
                    .put("detailZh", "人声高于环境音 14 dB");
            long sent = System.nanoTime();
            JsonObject stored = ok(gatewayClient.post("/api/gateway/anomalies", report), 201);
            assertThat(stored.getLong("sessionId")).isEqualTo(sessionId);
            JsonObject alert = console.nextOfType("alert", 5);
            assertThat(alert)
                    .as("the anomaly reached the console within 5 seconds")
                    .isNotNull();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sent)).isLessThan(5);
            assertThat(alert.getString("kind")).isEqualTo("ANOMALY");
            assertThat(alert.getJsonObject("detail").getString("kind")).isEqualTo("TALKING");
            // A Chinese console must not show the gateway's English: both languages reach it.
            assertThat(alert.getJsonObject("detail").getJsonObject("details").getString("zh"))
                    .isEqualTo("人声高于环境音 14 dB");
            assertThat(alert.getJsonObject("detail").getJsonObject("details").getString("en"))
                    .isEqualTo("voice above ambient by 14 dB");

            // The gateway did not hear the acknowledgement and resends: stored once, no second alert.
            JsonObject again = ok(gatewayClient.post("/api/gateway/anomalies", report), 200);
            assertThat(again.getBoolean("duplicate")).isTrue();
            assertThat(again.getLong("id")).isEqualTo(stored.getLong("id"));

            assertCode(
                    server.client().withHeader("Authorization", "Bearer nope").post("/api/gateway/anomalies", report),
                    401,
                    "GATEWAY_TOKEN_INVALID");
            assertCode(
                    gatewayClient.post("/api/gateway/anomalies", report.copy().put("type", "UFO")),
                    400,
                    "UNKNOWN_ANOMALY_KIND");
            assertCode(
                    gatewayClient.post("/api/gateway/anomalies", report.copy().put("confidence", 3)),
                    400,
                    "VALIDATION_FAILED");

            long anomalyId = stored.getLong("id");
            long incidentsBefore = incidents(sessionId);
            JsonObject confirmed = ok(
                    room.proctor1
                            .client()
                            .post(
                                    "/api/anomalies/" + anomalyId + "/review",
                                    new JsonObject().put("decision", "CONFIRM").put("reason", "回放确认 3 号座位考生交谈")),
                    200);
            assertThat(confirmed.getString("status")).isEqualTo("CONFIRMED");
            assertThat(incidents(sessionId)).isEqualTo(incidentsBefore + 1);
            assertCode(
                    room.proctor2
                            .client()
                            .post(
                                    "/api/anomalies/" + anomalyId + "/review",
                                    new JsonObject().put("decision", "DISMISS").put("reason", "重复")),
                    409,
                    "ANOMALY_ALREADY_REVIEWED");
            JsonArray listed = ok(room.proctor2.client().get("/api/sessions/" + sessionId + "/anomalies"), 200)
                    .getJsonArray("anomalies");
            assertThat(listed.getJsonObject(0).getString("status")).isEqualTo("CONFIRMED");
            assertThat(listed.getJsonObject(0).getJsonObject("details").getString("zh"))
                    .isEqualTo("人声高于环境音 14 dB");
            // An anomaly changes no result: no sitting was touched.
            assertThat(TestServer.await(server.server()
                                    .pool()
                                    .preparedQuery(
                                            "SELECT count(*) AS n FROM sitting WHERE session_id = $1 AND status = 'VOIDED'")
                                    .execute(Tuple.of(sessionId)))
                            .iterator()
                            .next()
                            .getLong("n"))
                    .isZero();
        }
    }

    @Test
    void aGatewayMayLinkOnlyToItsOwnOriginAndOldForeignLinksAreNeverShown() {
        ExamRoom room = ExamRoom.create(server, 25);
        JsonObject gateway = room.registerGateway("http://gateway-host:8090");
        String camera = TestServer.uniqueName("room-1");
        ok(room.admin.post("/api/rooms/" + room.roomId + "/camera", new JsonObject().put("cameraKey", camera)), 200);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient gatewayClient = server.client().withHeader("Authorization", "Bearer " + gateway.getString("token"));
        JsonObject report = new JsonObject()
                .put("room", camera)
                .put("type", "FROZEN_PICTURE")
                .put("startedAt", Instant.now().minusSeconds(60).toString())
                .put("confidence", 0.9);

        for (String foreign : List.of(
                "javascript:alert(1)",
                "JavaScript:alert(document.cookie)//http://gateway-host:8090/",
                "https://evil.example/clip",
                "http://gateway-host.evil/",
                "http://gateway-host:8090.evil.example/play",
                "https://gateway-host:8090/play/room-1",
                "http://gateway-host:8091/play/room-1",
                "http://evil@gateway-host:8090/play/room-1",
                "data:text/html,<script>alert(1)</script>",
                "//gateway-host:8090/play/room-1",
                "/play/room-1")) {
            assertCode(
                    gatewayClient.post("/api/gateway/anomalies", report.copy().put("clipUrl", foreign)),
                    400,
                    "CLIP_URL_NOT_ON_GATEWAY");
        }
        assertThat(ok(room.proctor1.client().get("/api/sessions/" + sessionId + "/anomalies"), 200)
                        .getJsonArray("anomalies"))
                .as("nothing refused was stored")
                .isEmpty();

        String own = "http://gateway-host:8090/play/" + camera
                + "?camera=cam1&from=2026-03-02T01:00:00Z&to=2026-03-02T01:02:00Z";
        ok(gatewayClient.post("/api/gateway/anomalies", report.copy().put("clipUrl", own)), 201);

        // A row stored before links were checked is listed without its link.
        TestServer.await(server.server()
                .pool()
                .preparedQuery("""
            INSERT INTO anomaly (gateway_id, room_id, session_id, camera_key, kind, started_at, confidence, clip_url, report_key)
            VALUES ($1, $2, $3, $4, 'TALKING', now() - interval '2 minutes', 0.5, 'javascript:alert(1)', $5)""")
                .execute(Tuple.of(
                        gateway.getLong("id"), room.roomId, sessionId, camera, TestServer.uniqueName("old-report"))));
        JsonArray listed = ok(room.proctor1.client().get("/api/sessions/" + sessionId + "/anomalies"), 200)
                .getJsonArray("anomalies");
        assertThat(listed.stream()
                        .map(JsonObject.class::cast)
                        .map(a -> a.getString("clipUrl"))
                        .toList())
                .containsExactlyInAnyOrder(own, null);
    }

    private long incidents(long sessionId) {
        return TestServer.await(server.server()
                        .pool()
                        .preparedQuery("SELECT count(*) AS n FROM incident WHERE session_id = $1")
                        .execute(Tuple.of(sessionId)))
                .iterator()
                .next()
                .getLong("n");
    }
}
