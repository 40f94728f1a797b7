package org.examhall.server.gateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Viewing tickets: only the session's proctors and bureau admins get one for a session, it names the
 * gateway, the camera, the staff member and its purpose (live, or playback of a range), a proctor's
 * playback never reaches beyond the session's window, only bureau admins and auditors get a ticket for
 * another range of a room (at most a day, with a reason), it is signed with the bureau's SM2 key that the
 * gateway fetches with its own token, and every issue is audited without the ticket itself.
 */
class ViewingTicketTest {

    private static final String PASSWORD = "ticket-pass-1234";
    private final TestServer server = TestServer.shared();

    @Test
    void onlyTheSessionsProctorsWhileLiveAndBureauAdminsGetASignedAuditedTicket() {
        ExamRoom room = ExamRoom.create(server, 25);
        JsonObject gateway = room.registerGateway();
        String camera = TestServer.uniqueName("room");
        ok(room.admin.post("/api/rooms/" + room.roomId + "/camera", new JsonObject().put("cameraKey", camera)), 200);
        Instant scheduled = Instant.now();
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        String video = "/api/sessions/" + sessionId + "/video";
        int duration = ok(room.admin.get("/api/sessions/" + sessionId), 200).getInteger("durationMinutes");

        // Scheduled: the proctors may not watch yet; the bureau may.
        assertCode(room.proctor1.client().get(video), 403, "VIDEO_NOT_LIVE");
        JsonObject forAdmin = ok(room.admin.get(video), 200);
        assertThat(forAdmin.getBoolean("available")).isTrue();

        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        Instant before = Instant.now();
        JsonObject granted = ok(room.proctor1.client().get(video), 200);
        String ticket = granted.getString("ticket");
        assertThat(granted.getString("livePage"))
                .isEqualTo("http://127.0.0.1:8090/live/" + camera + "?ticket=" + ticket);

        String[] parts = ticket.split("\\.");
        assertThat(parts).hasSize(2);
        JsonObject payload =
                new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        assertThat(payload.getLong("gateway")).isEqualTo(gateway.getLong("id"));
        assertThat(payload.getString("camera")).isEqualTo(camera);
        assertThat(payload.getLong("staff")).isEqualTo(room.proctor1.id());
        assertThat(payload.getLong("exp"))
                .isCloseTo(before.plus(Duration.ofMinutes(10)).getEpochSecond(), within(30L));
        assertThat(payload.getInteger("v")).isEqualTo(2);
        assertThat(payload.getString("purpose")).isEqualTo("live");
        assertThat(payload.containsKey("from"))
                .as("a live ticket opens no recording")
                .isFalse();

        // Playback is the session's window only: from before check-in to a margin after its (expected) end.
        JsonObject playback = payload(granted.getJsonObject("playback").getString("ticket"));
        assertThat(playback.getString("purpose")).isEqualTo("playback");
        assertThat(playback.getLong("from"))
                .isCloseTo(scheduled.minus(Duration.ofMinutes(75)).getEpochSecond(), within(30L));
        assertThat(playback.getLong("to"))
                .isCloseTo(scheduled.plus(Duration.ofMinutes(duration + 30)).getEpochSecond(), within(60L));
        assertThat(playback.getLong("to") - playback.getLong("from"))
                .isLessThan(Duration.ofHours(24).toSeconds());
        String signature =
                Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(Sm2.verify(TestServer.sharedBureauKey(), "examhall-viewing-ticket|" + parts[0], signature))
                .isTrue();
        String otherCamera = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.copy().put("camera", "room-x").encode().getBytes(StandardCharsets.UTF_8));
        assertThat(Sm2.verify(TestServer.sharedBureauKey(), "examhall-viewing-ticket|" + otherCamera, signature))
                .isFalse();

        // A proctor of another session, and an institution account, get nothing.
        assertCode(staff(Role.PROCTOR).get(video), 403, "NOT_ASSIGNED_PROCTOR");
        assertCode(staff(Role.INSTITUTION).get(video), 403, "FORBIDDEN");
        assertCode(staff(Role.AUDITOR).get(video), 403, "FORBIDDEN");

        // Closed: no more live view for the proctor, and playback ends half an hour after the close.
        room.moveTo(sessionId, "CLOSED", room.proctor1.client());
        Instant closed = Instant.now();
        JsonObject after = ok(room.proctor1.client().get(video), 200);
        assertThat(after.getString("ticket")).isNull();
        assertThat(after.getString("livePage")).isNull();
        JsonObject afterPlayback = payload(after.getJsonObject("playback").getString("ticket"));
        assertThat(afterPlayback.getLong("to"))
                .isCloseTo(closed.plus(Duration.ofMinutes(30)).getEpochSecond(), within(60L));

        server.chainAudit();
        List<Row> audited = TestServer.await(server.server()
                        .pool()
                        .preparedQuery(
                                "SELECT actor, details::text AS details FROM audit_log WHERE action = 'video.ticket_issued' AND target = $1 ORDER BY seq")
                        .execute(Tuple.of("session:" + sessionId)))
                .stream()
                .toList();
        assertThat(audited).hasSize(3);
        assertThat(audited.get(1).getString("actor")).isEqualTo(room.proctor1.username());
        assertThat(audited.get(1).getString("details"))
                .contains(camera)
                .contains("playbackFrom")
                .doesNotContain(parts[1]);
    }

    @Test
    void bureauAdminsAndAuditorsGetAWideAuditedPlaybackTicketForAnyDayOfARoom() {
        ExamRoom room = ExamRoom.create(server, 1);
        JsonObject gateway = room.registerGateway();
        String camera = TestServer.uniqueName("room");
        ok(room.admin.post("/api/rooms/" + room.roomId + "/camera", new JsonObject().put("cameraKey", camera)), 200);
        String tickets = "/api/rooms/" + room.roomId + "/video-tickets";
        Instant from = Instant.parse("2025-11-03T00:00:00Z");
        Instant to = from.plus(Duration.ofHours(24));
        JsonObject request = new JsonObject()
                .put("from", from.toString())
                .put("to", to.toString())
                .put("reason", "复核 2025-11-03 申诉");

        JsonObject wide = ok(room.admin.post(tickets, request), 200);
        assertThat(wide.getString("gatewayUrl")).isEqualTo("http://127.0.0.1:8090");
        assertThat(wide.getString("ticket"))
                .as("no live view with a playback ticket")
                .isNull();
        JsonObject payload = payload(wide.getJsonObject("playback").getString("ticket"));
        assertThat(payload.getLong("gateway")).isEqualTo(gateway.getLong("id"));
        assertThat(payload.getString("camera")).isEqualTo(camera);
        assertThat(payload.getString("purpose")).isEqualTo("playback");
        assertThat(payload.getLong("from")).isEqualTo(from.getEpochSecond());
        assertThat(payload.getLong("to")).isEqualTo(to.getEpochSecond());
        ApiClient auditor = staff(Role.AUDITOR);
        ok(auditor.post(tickets, request), 200);

        assertCode(room.proctor1.client().post(tickets, request), 403, "FORBIDDEN");
        assertCode(
                room.admin.post(
                        tickets, request.copy().put("to", to.plusSeconds(1).toString())),
                400,
                "VIDEO_RANGE_TOO_LONG");
        assertCode(room.admin.post(tickets, request.copy().put("to", from.toString())), 400, "VALIDATION_FAILED");
        JsonObject withoutReason = request.copy();
        withoutReason.remove("reason");
        assertCode(room.admin.post(tickets, withoutReason), 400, "VALIDATION_FAILED");
        assertCode(room.admin.post("/api/rooms/999999999/video-tickets", request), 404, "ROOM_NOT_FOUND");

        server.chainAudit();
        List<Row> audited = TestServer.await(server.server()
                        .pool()
                        .preparedQuery(
                                "SELECT actor, details::text AS details FROM audit_log WHERE action = 'video.ticket_issued' AND target = $1 ORDER BY seq")
                        .execute(Tuple.of("room:" + room.roomId)))
                .stream()
                .toList();
        assertThat(audited).hasSize(2);
        assertThat(audited.get(0).getString("details"))
                .contains("复核 2025-11-03 申诉")
                .contains(from.toString())
                .contains(to.toString())
                .contains(camera);
    }

    private static JsonObject payload(String ticket) {
        return new JsonObject(
                new String(Base64.getUrlDecoder().decode(ticket.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    @Test
    void aGatewayFetchesItsIdAndTheBureauKeyWithItsToken() {
        ExamRoom room = ExamRoom.create(server, 1);
        JsonObject gateway = room.registerGateway();
        JsonObject key = ok(
                server.client()
                        .withHeader("Authorization", "Bearer " + gateway.getString("token"))
                        .get("/api/gateway/viewing-key"),
                200);
        assertThat(key.getLong("gatewayId")).isEqualTo(gateway.getLong("id"));
        assertThat(key.getString("algorithm")).isEqualTo("SM3withSM2");
        assertThat(key.getString("publicKey")).isEqualTo(Sm2.pem(TestServer.sharedBureauKey()));
        assertCode(server.client().get("/api/gateway/viewing-key"), 401, "GATEWAY_TOKEN_INVALID");
        assertCode(
                server.client()
                        .withHeader("Authorization", "Bearer not-a-token")
                        .get("/api/gateway/viewing-key"),
                401,
                "GATEWAY_TOKEN_INVALID");
    }

    private ApiClient staff(Role role) {
        String name = TestServer.uniqueName(role.name().toLowerCase().replace('_', '-'));
        StaffProvisioning.Created account = server.createStaff(name, PASSWORD, role);
        return server.client().signedIn(name, PASSWORD, account.totpSecret());
    }
}
