package org.examhall.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Candidate lists from CSV are all or nothing: every bad row is reported and nobody is added. */
class CandidateImportTest {

    private final TestServer server = TestServer.shared();

    @Test
    void aFileWithBadRowsAddsNobodyAndNamesEveryProblem() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        String good = ExamRoom.newIdNumber();
        String csv = "姓名,身份证号,准考证号\n"
                + "刘洋," + good + ",\n"
                + "," + ExamRoom.newIdNumber() + ",\n"
                + "孙丽,110105194912310021,\n"
                + "周强," + good + ",T-1\n";
        JsonObject error = assertRejected(room, sessionId, csv, false);
        JsonArray problems = error.getJsonArray("problems");
        assertThat(problems.stream()
                        .map(JsonObject.class::cast)
                        .map(p -> p.getInteger("row") + ":" + p.getInteger("column")))
                .containsExactlyInAnyOrder("3:1", "4:2", "5:2", "5:3");
        assertThat(candidates(room, sessionId)).isZero();
    }

    @Test
    void aCleanFileAddsEveryoneAndADryRunAddsNobody() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        String csv = "刘洋," + ExamRoom.newIdNumber() + "\n" + "孙丽，" + ExamRoom.newIdNumber() + "，ZKZ-0002\n";
        JsonObject dry = ok(
                room.admin.post(
                        "/api/sessions/" + sessionId + "/candidates/import",
                        new JsonObject().put("csv", csv).put("dryRun", true)),
                200);
        assertThat(dry.getInteger("candidates")).isEqualTo(2);
        assertThat(candidates(room, sessionId)).isZero();
        JsonObject done = ok(
                room.admin.post("/api/sessions/" + sessionId + "/candidates/import", new JsonObject().put("csv", csv)),
                200);
        assertThat(done.getJsonArray("added")).hasSize(2);
        assertThat(done.getJsonArray("added").getJsonObject(1).getString("ticketNo"))
                .isEqualTo("ZKZ-0002");
        assertThat(candidates(room, sessionId)).isEqualTo(2);
        // The same file again collides with the session as it stands: refused whole.
        assertRejected(room, sessionId, csv, false);
        assertThat(candidates(room, sessionId)).isEqualTo(2);
    }

    @Test
    void noCandidatesCanBeAddedOnceSeatsAreDrawn() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        room.moveTo(sessionId, "CHECK_IN", room.admin);
        assertCode(
                room.admin.post(
                        "/api/sessions/" + sessionId + "/candidates/import",
                        new JsonObject().put("csv", "刘洋," + ExamRoom.newIdNumber())),
                409,
                "REGISTRATION_CLOSED");
        assertCode(
                room.admin.post(
                        "/api/sessions/" + sessionId + "/candidates",
                        new JsonObject().put("fullName", "刘洋").put("idNumber", ExamRoom.newIdNumber())),
                409,
                "REGISTRATION_CLOSED");
    }

    private static JsonObject assertRejected(ExamRoom room, long sessionId, String csv, boolean dryRun) {
        var response = room.admin.post(
                "/api/sessions/" + sessionId + "/candidates/import",
                new JsonObject().put("csv", csv).put("dryRun", dryRun));
        assertCode(response, 422, "IMPORT_REJECTED");
        return response.bodyAsJsonObject();
    }

    private static long candidates(ExamRoom room, long sessionId) {
        return ok(room.admin.get("/api/sessions/" + sessionId), 200).getLong("candidates");
    }
}
