package org.examhall.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A room holds one session at a time, and a session keeps to its schedule: double bookings are
 * refused naming the session already there, and opening the door or starting far from the time
 * candidates were given needs the bureau's override with a reason, kept in the audit log.
 */
class RoomScheduleTest {

    private final TestServer server = TestServer.shared();

    @Test
    void anOverlappingSessionInTheSameRoomIsRefusedNamingTheOneAlreadyBooked() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        Instant nine = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        long first = ok(schedule(room, nine, 90), 201).getLong("id");

        HttpResponse<Buffer> overlapping = schedule(room, nine.plus(Duration.ofMinutes(60)), 90);
        assertCode(overlapping, 409, "ROOM_BOOKED");
        assertThat(overlapping.bodyAsJsonObject().getJsonObject("message").getString("zh"))
                .contains("#" + first);
        assertThat(overlapping.bodyAsJsonObject().getJsonObject("message").getString("en"))
                .contains("#" + first);
        assertCode(schedule(room, nine.minus(Duration.ofMinutes(30)), 60), 409, "ROOM_BOOKED");
        assertThat(sessionsInRoom(room)).isEqualTo(1);

        // Back to back is not an overlap.
        ok(schedule(room, nine.plus(Duration.ofMinutes(90)), 60), 201);
        assertThat(sessionsInRoom(room)).isEqualTo(2);

        // Two staff scheduling the same slot at the same moment: exactly one gets the room.
        Instant later = nine.plus(Duration.ofDays(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<Buffer>>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<HttpResponse<Buffer>> attempt = () -> schedule(room, later, 60);
                attempts.add(pool.submit(attempt));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<Buffer>> attempt : attempts) {
                statuses.add(attempt.get().statusCode());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sessionsInRoom(room)).isEqualTo(3);
    }

    @Test
    void aClosedSessionFreesTheRoomButTwoSessionsNeverShareTheDoor() {
        ExamRoom room = ExamRoom.create(server, 25);
        Instant now = Instant.now();
        long early =
                ok(schedule(room, now.minus(Duration.ofMinutes(50)), 60), 201).getLong("id");
        long next =
                ok(schedule(room, now.plus(Duration.ofMinutes(15)), 60), 201).getLong("id");
        room.moveTo(early, "CHECK_IN", room.proctor1.client());

        HttpResponse<Buffer> second = room.proctor1
                .client()
                .post("/api/sessions/" + next + "/state", new JsonObject().put("state", "CHECK_IN"));
        assertCode(second, 409, "ROOM_IN_USE");
        assertThat(second.bodyAsJsonObject().getJsonObject("message").getString("zh"))
                .contains("#" + early);
        // Not even the bureau's override puts two sessions at one door.
        assertCode(
                room.admin.post(
                        "/api/sessions/" + next + "/state",
                        new JsonObject().put("state", "CHECK_IN").put("scheduleOverrideReason", "试试")),
                409,
                "ROOM_IN_USE");
        assertThat(state(next)).isEqualTo("SCHEDULED");

        ok(
                room.admin.post(
                        "/api/sessions/" + early + "/state",
                        new JsonObject().put("state", "RUNNING").put("scheduleOverrideReason", "考生迟到，推迟开考")),
                200);
        room.moveTo(early, "CLOSED", room.proctor1.client());
        // Closed early, the room takes a session inside the old one's scheduled time.
        ok(schedule(room, now.minus(Duration.ofMinutes(40)), 20), 201);
        assertThat(room.moveTo(next, "CHECK_IN", room.proctor1.client()).getString("state"))
                .isEqualTo("CHECK_IN");
    }

    @Test
    void openingTheDoorOrStartingFarFromTheScheduleNeedsTheBureausAuditedOverride() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = ok(schedule(room, Instant.now().plus(Duration.ofHours(3)), 60), 201)
                .getLong("id");
        ApiClient proctor = room.proctor1.client();

        HttpResponse<Buffer> tooEarly =
                proctor.post("/api/sessions/" + sessionId + "/state", new JsonObject().put("state", "CHECK_IN"));
        assertCode(tooEarly, 409, "OUTSIDE_SCHEDULE");
        assertThat(tooEarly.bodyAsJsonObject().getJsonObject("message").getString("zh"))
                .contains("(Asia/Shanghai)");
        assertCode(
                proctor.post(
                        "/api/sessions/" + sessionId + "/state",
                        new JsonObject().put("state", "CHECK_IN").put("scheduleOverrideReason", "提前")),
                403,
                "SCHEDULE_OVERRIDE_NOT_ALLOWED");
        assertCode(
                room.admin.post(
                        "/api/sessions/" + sessionId + "/state",
                        new JsonObject().put("state", "CHECK_IN").put("scheduleOverrideReason", "  ")),
                400,
                "VALIDATION_FAILED");
        assertThat(state(sessionId)).isEqualTo("SCHEDULED");

        ok(
                room.admin.post(
                        "/api/sessions/" + sessionId + "/state",
                        new JsonObject().put("state", "CHECK_IN").put("scheduleOverrideReason", "考场调整，提前检录")),
                200);
        assertCode(
                proctor.post("/api/sessions/" + sessionId + "/state", new JsonObject().put("state", "RUNNING")),
                409,
                "OUTSIDE_SCHEDULE");
        assertThat(state(sessionId)).isEqualTo("CHECK_IN");
        ok(
                room.admin.post(
                        "/api/sessions/" + sessionId + "/state",
                        new JsonObject().put("state", "RUNNING").put("scheduleOverrideReason", "省厅通知提前开考")),
                200);

        server.chainAudit();
        List<JsonObject> overrides = new ArrayList<>();
        for (Row row :
                TestServer.await(server.server().pool().preparedQuery("""
            SELECT details FROM audit_log WHERE target = $1 AND action = 'session.state_changed' ORDER BY seq""").execute(Tuple.of("session:" + sessionId)))) {
            overrides.add(new JsonObject(row.getValue("details").toString()).getJsonObject("scheduleOverride"));
        }
        assertThat(overrides).hasSize(2);
        assertThat(overrides.get(0).getString("reason")).isEqualTo("考场调整，提前检录");
        assertThat(overrides.get(0).getLong("minutesFromSchedule")).isLessThan(-170);
        assertThat(overrides.get(1).getString("reason")).isEqualTo("省厅通知提前开考");
    }

    private static HttpResponse<Buffer> schedule(ExamRoom room, Instant startsAt, int minutes) {
        return room.admin.post(
                "/api/sessions",
                new JsonObject()
                        .put("roomId", room.roomId)
                        .put("blueprintId", "DEMO-ELEC-LV")
                        .put("startsAt", startsAt.toString())
                        .put("durationMinutes", minutes)
                        .put(
                                "proctorIds",
                                new JsonArray().add(room.proctor1.id()).add(room.proctor2.id())));
    }

    private long sessionsInRoom(ExamRoom room) {
        return TestServer.await(server.server()
                        .pool()
                        .preparedQuery("SELECT count(*) AS n FROM exam_session WHERE room_id = $1")
                        .execute(Tuple.of(room.roomId)))
                .iterator()
                .next()
                .getLong("n");
    }

    private String state(long sessionId) {
        return TestServer.await(server.server()
                        .pool()
                        .preparedQuery("SELECT state FROM exam_session WHERE id = $1")
                        .execute(Tuple.of(sessionId)))
                .iterator()
                .next()
                .getString("state");
    }
}
