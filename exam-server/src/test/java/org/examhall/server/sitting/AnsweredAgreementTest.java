package org.examhall.server.sitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.server.testing.ExamRoom.step;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.examhall.server.exam.TerminalRoutes;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.LiveSocket;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * "Answered" means the same to everyone who shows it: after a candidate clears an answer, the
 * proctor's console (the progress pushed to it and the grid it reads), the hand-in's reply that the
 * terminal's done screen shows, and the closing screen the terminal reads afterwards all count the
 * cleared item as unanswered.
 */
class AnsweredAgreementTest {

    private final TestServer server = TestServer.shared();

    @Test
    void aClearedAnswerIsUnansweredOnTheDoneScreenTheGridAndTheProgressFeed() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate zheng = room.addCandidate(sessionId, "郑洁", Photos.person(171, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient terminal = room.confirmedTerminal(room.checkIn(sessionId, zheng, 171), zheng.ticketNo());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        terminal.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(terminal.get("/api/exam/paper"), 200).getString("candidateToken"));

        try (LiveSocket console = LiveSocket.open(
                server.port(),
                "/api/sessions/" + sessionId + "/live",
                room.proctor2.client().sessionCookie())) {
            assertThat(console.next(20)).as("the grid snapshot").isNotNull();
            ok(terminal.post("/api/exam/answers", steps(step(1, 1, "A"), step(2, 2, "B"), step(3, 3, "CA"))), 200);
            ok(terminal.post("/api/exam/answers", steps(step(4, 2, ""))), 200);

            assertThat(pushedAnswered(console, zheng.sittingId(), 2))
                    .as("the progress feed, after the clearing")
                    .isEqualTo(2);
        }
        assertThat(gridAnswered(room, sessionId, zheng.sittingId()))
                .as("the console's grid")
                .isEqualTo(2);

        JsonObject handedIn = ok(terminal.post("/api/exam/submit", new JsonObject()), 200);
        assertThat(handedIn.getLong("answered"))
                .as("the hand-in's reply, on the terminal's done screen")
                .isEqualTo(2);
        assertThat(ok(terminal.get("/api/exam/paper"), 200).getLong("answered"))
                .as("the closing screen read again")
                .isEqualTo(2);
        assertThat(gridAnswered(room, sessionId, zheng.sittingId()))
                .as("the grid after the hand-in")
                .isEqualTo(2);
    }

    /** The answered count of the seat rows pushed for the sitting, waiting up to 10 s for {@code expected}. */
    private static long pushedAnswered(LiveSocket console, long sittingId, long expected) throws InterruptedException {
        long last = -1;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (last != expected && System.nanoTime() < deadline) {
            JsonObject message = console.next(1);
            if (message != null
                    && "seat".equals(message.getString("type"))
                    && message.getJsonObject("seat").getLong("sittingId") == sittingId) {
                last = message.getJsonObject("seat").getLong("answered");
            }
        }
        return last;
    }

    private static long gridAnswered(ExamRoom room, long sessionId, long sittingId) {
        return ok(room.proctor1.client().get("/api/sessions/" + sessionId + "/grid"), 200)
                .getJsonArray("seats")
                .stream()
                .map(JsonObject.class::cast)
                .filter(seat -> seat.getLong("sittingId") == sittingId)
                .findFirst()
                .orElseThrow()
                .getLong("answered");
    }

    private static JsonObject steps(JsonObject... steps) {
        return new JsonObject().put("steps", new JsonArray(List.of((Object[]) steps)));
    }
}
