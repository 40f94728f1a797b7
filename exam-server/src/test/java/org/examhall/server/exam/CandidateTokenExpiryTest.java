package org.examhall.server.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.server.testing.ExamRoom.step;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A candidate token left in a terminal's browser after the hand-in is worth nothing to the next
 * person at the seat: it shows the closing screen (answered count, score where shown) but never the
 * paper or the answers, and once the session is closed it shows nothing at all.
 */
class CandidateTokenExpiryTest {

    private final TestServer server = TestServer.shared();

    @Test
    void afterTheHandInTheTokenReadsNeitherPaperNorAnswersAndAfterClosingNothing() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, true);
        ExamRoom.Candidate wu = room.addCandidate(sessionId, "吴迪", Photos.person(151, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient terminal = room.confirmedTerminal(room.checkIn(sessionId, wu, 151), wu.ticketNo());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        JsonObject paper = ok(terminal.get("/api/exam/paper"), 200);
        assertThat(paper.getJsonObject("paper")).isNotNull();
        ok(
                terminal.post(
                        "/api/exam/answers",
                        new JsonObject()
                                .put(
                                        "steps",
                                        new JsonArray().add(step(1, 1, "A")).add(step(2, 2, "B")))),
                200);
        ok(terminal.post("/api/exam/submit", new JsonObject()), 200);

        JsonObject closing = ok(terminal.get("/api/exam/paper"), 200);
        assertThat(closing.getString("status")).isEqualTo("SUBMITTED");
        assertThat(closing.getLong("answered")).isEqualTo(2);
        assertThat(closing.getValue("score")).isNotNull();
        assertThat(closing.fieldNames()).doesNotContain("paper", "answers", "candidateToken");
        assertThat(closing.encode()).doesNotContain("stem").doesNotContain("options");

        room.moveTo(sessionId, "CLOSED", room.proctor1.client());
        assertCode(terminal.get("/api/exam/paper"), 401, "CANDIDATE_TOKEN_INVALID");
    }
}
