package org.examhall.server.proctoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The two-proctor rules as an attacker would test them: nothing is added to a room record behind a
 * proctor's signature, scoring needs two signatures over the same record, and once scored a
 * submitted sitting is out of the proctors' reach (only the bureau's correction path changes it).
 */
class SignedRoomRecordTest {

    private final TestServer server = TestServer.shared();

    @Test
    void aSignedRecordTakesNothingMoreAndScoringNeedsTwoSignaturesOverTheSameRecord() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate zhao = room.addCandidate(sessionId, "赵强", Photos.person(131, 0));
        ExamRoom.Candidate sun = room.addCandidate(sessionId, "孙悦", Photos.person(132, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient zhaoTerminal = room.confirmedTerminal(room.checkIn(sessionId, zhao, 131), zhao.ticketNo());
        ApiClient sunTerminal = room.confirmedTerminal(room.checkIn(sessionId, sun, 132), sun.ticketNo());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        ok(zhaoTerminal.post("/api/exam/submit", new JsonObject()), 200);
        ok(sunTerminal.post("/api/exam/submit", new JsonObject()), 200);
        room.moveTo(sessionId, "CLOSED", room.proctor1.client());

        String signed = ok(
                        room.proctor1
                                .client()
                                .post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()),
                        200)
                .getString("recordHash");
        // The second proctor tries to change what the first one signed.
        assertCode(
                room.proctor2
                        .client()
                        .post(
                                "/api/sessions/" + sessionId + "/incidents",
                                new JsonObject()
                                        .put("sittingId", sun.sittingId())
                                        .put("kind", "OTHER")
                                        .put("severity", "SERIOUS")
                                        .put("description", "补记")),
                409,
                "ROOM_RECORD_SIGNED");
        assertCode(
                room.proctor2
                        .client()
                        .post("/api/sittings/" + sun.sittingId() + "/void", new JsonObject().put("reason", "替考")),
                409,
                "ROOM_RECORD_SIGNED");
        assertThat(ok(room.proctor2.client().get("/api/sessions/" + sessionId + "/room-record"), 200)
                        .getJsonArray("incidents"))
                .isEmpty();

        // A second signature over another version of the record (as an earlier build let in) does not make two.
        TestServer.await(server.server()
                .pool()
                .preparedQuery(
                        "INSERT INTO room_record_signoff (session_id, staff_id, record_hash) VALUES ($1, $2, $3)")
                .execute(Tuple.of(sessionId, room.proctor2.id(), "0".repeat(64))));
        assertCode(
                room.admin.post("/api/sessions/" + sessionId + "/state", new JsonObject().put("state", "SCORED")),
                409,
                "ROOM_RECORD_NOT_SIGNED");
        TestServer.await(server.server()
                .pool()
                .preparedQuery("DELETE FROM room_record_signoff WHERE session_id = $1 AND staff_id = $2")
                .execute(Tuple.of(sessionId, room.proctor2.id())));
        assertThat(ok(
                                room.proctor2
                                        .client()
                                        .post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()),
                                200)
                        .getString("recordHash"))
                .isEqualTo(signed);
        assertThat(room.moveTo(sessionId, "SCORED", room.admin).getString("state"))
                .isEqualTo("SCORED");

        // Scored: the proctors cannot void a submitted sitting, even together.
        assertCode(
                room.proctor1
                        .client()
                        .post("/api/sittings/" + zhao.sittingId() + "/void", new JsonObject().put("reason", "事后发现")),
                409,
                "ROOM_RECORD_SIGNED");
        assertCode(
                room.proctor2
                        .client()
                        .post("/api/sittings/" + zhao.sittingId() + "/void", new JsonObject().put("reason", "事后发现")),
                409,
                "ROOM_RECORD_SIGNED");
        assertThat(TestServer.await(server.server()
                                .pool()
                                .preparedQuery("SELECT status FROM sitting WHERE id = $1")
                                .execute(Tuple.of(zhao.sittingId())))
                        .iterator()
                        .next()
                        .getString("status"))
                .isEqualTo("SUBMITTED");
    }
}
