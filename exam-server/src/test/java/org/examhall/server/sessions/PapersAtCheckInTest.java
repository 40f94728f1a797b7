package org.examhall.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Every candidate's paper is drawn when check-in opens, so a bank that cannot supply the room is
 * found while the bureau can still act, and the start itself only sets the clocks. The paper a
 * candidate answers is the one drawn for them, shown to nobody before the start.
 */
class PapersAtCheckInTest {

    private final TestServer server = TestServer.shared();

    @Test
    void papersAreDrawnAtCheckInAndTheCandidateAnswersTheOneDrawnForThem() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate lin = room.addCandidate(sessionId, "林涛", Photos.person(41, 0));
        room.addCandidate(sessionId, "何静", Photos.person(42, 0));
        room.addCandidate(sessionId, "郭强", Photos.person(43, 0));
        assertThat(sittings(sessionId))
                .allSatisfy(row -> assertThat(row.getString("paper")).isNull());

        JsonObject checkIn = room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        assertThat(checkIn.getString("state")).isEqualTo("CHECK_IN");
        List<Row> drawn = sittings(sessionId);
        assertThat(drawn).hasSize(3).allSatisfy(row -> {
            assertThat(row.getString("status")).isEqualTo("REGISTERED");
            assertThat(row.getString("candidate_paper")).isNotBlank();
            assertThat(row.getInteger("item_count")).isPositive();
        });
        assertThat(drawn.stream().map(r -> r.getLong("paper_seed")).distinct()).hasSize(3);
        server.chainAudit();
        assertThat(TestServer.await(server.server().pool().preparedQuery("""
            SELECT count(*) AS n FROM audit_log a JOIN sitting t ON a.target = 'sitting:' || t.id
             WHERE t.session_id = $1 AND a.action = 'sitting.paper_issued'""").execute(Tuple.of(sessionId)))
                        .iterator()
                        .next()
                        .getLong("n"))
                .isEqualTo(3);

        // Admitted and confirmed, the candidate still sees nothing of the paper before the start.
        int seat = room.checkIn(sessionId, lin, 41);
        ApiClient terminal = room.confirmedTerminal(seat, lin.ticketNo());
        assertCode(terminal.get("/api/exam/paper"), 409, "EXAM_NOT_STARTED");

        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        JsonObject delivered = ok(terminal.get("/api/exam/paper"), 200);
        Row linRow = drawn.stream()
                .filter(r -> r.getLong("id") == lin.sittingId())
                .findFirst()
                .orElseThrow();
        assertThat(delivered.getJsonObject("paper")).isEqualTo(new JsonObject(linRow.getString("candidate_paper")));
        assertThat(sittings(sessionId).stream()
                        .filter(r -> r.getLong("id") == lin.sittingId())
                        .findFirst()
                        .orElseThrow()
                        .getLong("paper_seed"))
                .isEqualTo(linRow.getLong("paper_seed"));
    }

    @Test
    void aBankThatCannotSupplyTheRoomIsFoundAtCheckInAndNothingChanges() {
        ExamRoom room = ExamRoom.create(server, 25);
        // The demo blueprint, but two papers of a session may share at most one question: the demo bank
        // (about 120 questions for the item, 50 a paper) cannot supply five such papers.
        JsonObject strict =
                ok(room.admin.get("/api/bank/blueprints/DEMO-ELEC-LV"), 200).getJsonObject("definition");
        String id = "STRICT-" + Long.toHexString(System.nanoTime()).toUpperCase();
        strict.put("id", id).put("exposure", new JsonObject().put("maxSharedShare", 0.02));
        ok(room.admin.post("/api/bank/blueprints", strict), 201);
        long sessionId = room.scheduleSession(id, null, false);
        for (int i = 0; i < 5; i++) {
            room.addCandidate(sessionId, "考生" + i, Photos.person(50 + i, 0));
        }

        for (int attempt = 0; attempt < 2; attempt++) {
            JsonObject refused = room.proctor1
                    .client()
                    .post("/api/sessions/" + sessionId + "/state", new JsonObject().put("state", "CHECK_IN"))
                    .bodyAsJsonObject();
            assertThat(refused.getString("code")).as(refused.encode()).isEqualTo("PAPER_ASSEMBLY_FAILED");
            assertThat(ok(room.admin.get("/api/sessions/" + sessionId), 200).getString("state"))
                    .isEqualTo("SCHEDULED");
            assertThat(sittings(sessionId)).allSatisfy(row -> {
                assertThat(row.getString("paper")).isNull();
                assertThat(row.getInteger("seat_no")).isNull();
            });
        }
    }

    private List<Row> sittings(long sessionId) {
        List<Row> rows = new ArrayList<>();
        TestServer.await(server.server()
                        .pool()
                        .preparedQuery(
                                "SELECT id, status, paper, candidate_paper, paper_seed, item_count, seat_no FROM sitting WHERE session_id = $1 ORDER BY id")
                        .execute(Tuple.of(sessionId)))
                .forEach(rows::add);
        return rows;
    }
}
