package org.examhall.server.gateways;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.http.Role;
import org.examhall.server.province.Sm2;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

/**
 * Viewing tickets: only the session's proctors (while it is live) and bureau admins get one, it names
 * the gateway, the camera and the staff member, it is signed with the bureau's SM2 key that the gateway
 * fetches with its own token, and every issue is audited without the ticket itself.
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
    long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
    String video = "/api/sessions/" + sessionId + "/video";

    // Scheduled: the proctors may not watch yet; the bureau may.
    assertCode(room.proctor1.client().get(video), 403, "VIDEO_NOT_LIVE");
    JsonObject forAdmin = ok(room.admin.get(video), 200);
    assertThat(forAdmin.getBoolean("available")).isTrue();

    room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
    room.moveTo(sessionId, "RUNNING", room.proctor1.client());
    Instant before = Instant.now();
    JsonObject granted = ok(room.proctor1.client().get(video), 200);
    String ticket = granted.getString("ticket");
    assertThat(granted.getString("livePage")).isEqualTo("http://127.0.0.1:8090/live/" + camera + "?ticket=" + ticket);

    String[] parts = ticket.split("\\.");
    assertThat(parts).hasSize(2);
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    assertThat(payload.getLong("gateway")).isEqualTo(gateway.getLong("id"));
    assertThat(payload.getString("camera")).isEqualTo(camera);
    assertThat(payload.getLong("staff")).isEqualTo(room.proctor1.id());
    assertThat(payload.getLong("exp")).isCloseTo(before.plus(Duration.ofMinutes(10)).getEpochSecond(), within(30L));
    String signature = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(Sm2.verify(TestServer.sharedBureauKey(), "examhall-viewing-ticket|" + parts[0], signature)).isTrue();
    String otherCamera = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.copy().put("camera", "room-x")
        .encode().getBytes(StandardCharsets.UTF_8));
    assertThat(Sm2.verify(TestServer.sharedBureauKey(), "examhall-viewing-ticket|" + otherCamera, signature)).isFalse();

    // A proctor of another session, and an institution account, get nothing.
    assertCode(staff(Role.PROCTOR).get(video), 403, "NOT_ASSIGNED_PROCTOR");
    assertCode(staff(Role.INSTITUTION).get(video), 403, "FORBIDDEN");
    assertCode(staff(Role.AUDITOR).get(video), 403, "FORBIDDEN");

    server.chainAudit();
    List<Row> audited = TestServer.await(server.server().pool().preparedQuery(
            "SELECT actor, details::text AS details FROM audit_log WHERE action = 'video.ticket_issued' AND target = $1 ORDER BY seq")
        .execute(Tuple.of("session:" + sessionId))).stream().toList();
    assertThat(audited).hasSize(2);
    assertThat(audited.get(1).getString("actor")).isEqualTo(room.proctor1.username());
    assertThat(audited.get(1).getString("details")).contains(camera).doesNotContain(parts[1]);
  }

  @Test
  void aGatewayFetchesItsIdAndTheBureauKeyWithItsToken() {
    ExamRoom room = ExamRoom.create(server, 1);
    JsonObject gateway = room.registerGateway();
    JsonObject key = ok(server.client().withHeader("Authorization", "Bearer " + gateway.getString("token"))
        .get("/api/gateway/viewing-key"), 200);
    assertThat(key.getLong("gatewayId")).isEqualTo(gateway.getLong("id"));
    assertThat(key.getString("algorithm")).isEqualTo("SM3withSM2");
    assertThat(key.getString("publicKey")).isEqualTo(Sm2.pem(TestServer.sharedBureauKey()));
    assertCode(server.client().get("/api/gateway/viewing-key"), 401, "GATEWAY_TOKEN_INVALID");
    assertCode(server.client().withHeader("Authorization", "Bearer not-a-token").get("/api/gateway/viewing-key"), 401,
        "GATEWAY_TOKEN_INVALID");
  }

  private ApiClient staff(Role role) {
    String name = TestServer.uniqueName(role.name().toLowerCase().replace('_', '-'));
    StaffProvisioning.Created account = server.createStaff(name, PASSWORD, role);
    return server.client().signedIn(name, PASSWORD, account.totpSecret());
  }
}
