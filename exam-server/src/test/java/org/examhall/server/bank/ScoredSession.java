package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.server.testing.ExamRoom.step;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.examhall.server.exam.TerminalRoutes;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;

/** A running 低压电工 session in a real room whose candidates are at their terminals, ready to answer. */
final class ScoredSession {

    final ExamRoom room;
    final long sessionId;
    final List<ApiClient> terminals = new ArrayList<>();

    ScoredSession(TestServer server, int candidates) {
        room = ExamRoom.create(server, 25);
        sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        List<ExamRoom.Candidate> people = new ArrayList<>();
        for (int c = 0; c < candidates; c++) {
            people.add(room.addCandidate(sessionId, "考生" + (char) ('甲' + c), Photos.person(31 + c, 0)));
        }
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        for (int c = 0; c < candidates; c++) {
            int seat = room.checkIn(sessionId, people.get(c), 31 + c);
            terminals.add(room.confirmedTerminal(seat, people.get(c).ticketNo()));
        }
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
    }

    /** The candidate at this terminal answers the first five items with one label each and hands in. */
    void answerAndHandIn(int candidate, String label) {
        ApiClient terminal = terminals.get(candidate);
        JsonObject paper = ok(terminal.get("/api/exam/paper"), 200);
        terminal.withHeader(TerminalRoutes.TOKEN_HEADER, paper.getString("candidateToken"));
        for (int item = 1; item <= 5; item++) {
            ok(
                    terminal.post(
                            "/api/exam/answers",
                            new JsonObject().put("steps", new JsonArray().add(step(item, item, label)))),
                    200);
        }
        assertThat(ok(terminal.post("/api/exam/submit", new JsonObject()), 200).getBoolean("submitted"))
                .isTrue();
    }
}
