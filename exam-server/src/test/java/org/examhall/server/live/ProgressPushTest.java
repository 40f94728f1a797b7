package org.examhall.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.server.testing.ExamRoom.step;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.examhall.server.exam.TerminalRoutes;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.LiveSocket;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A console hears of candidates' progress without re-reading the grid: autosaves of two candidates
 * in one room reach it as their seats' answered counts within a few seconds, and a cleared answer
 * stops counting.
 */
class ProgressPushTest {

    private final TestServer server = TestServer.shared();

    @Test
    void autosavesReachTheRoomsConsoleAsSeatProgress() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate zhou = room.addCandidate(sessionId, "周杰", Photos.person(41, 0));
        ExamRoom.Candidate wu = room.addCandidate(sessionId, "吴敏", Photos.person(42, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient zhouTerminal = room.confirmedTerminal(room.checkIn(sessionId, zhou, 41), zhou.ticketNo());
        ApiClient wuTerminal = room.confirmedTerminal(room.checkIn(sessionId, wu, 42), wu.ticketNo());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        for (ApiClient terminal : new ApiClient[] {zhouTerminal, wuTerminal}) {
            terminal.withHeader(
                    TerminalRoutes.TOKEN_HEADER,
                    ok(terminal.get("/api/exam/paper"), 200).getString("candidateToken"));
        }

        try (LiveSocket console = LiveSocket.open(
                server.port(),
                "/api/sessions/" + sessionId + "/live",
                room.proctor2.client().sessionCookie())) {
            assertThat(console.next(20)).as("the grid snapshot").isNotNull();
            ok(zhouTerminal.post("/api/exam/answers", steps(step(1, 1, "A"), step(2, 2, "B"), step(3, 3, "A"))), 200);
            ok(wuTerminal.post("/api/exam/answers", steps(step(1, 5, "B"))), 200);

            assertThat(pushedAnswered(console, Set.of(zhou.sittingId(), wu.sittingId())))
                    .as("both seats' progress was pushed")
                    .containsEntry(zhou.sittingId(), 3L)
                    .containsEntry(wu.sittingId(), 1L);

            // 周杰 clears his second answer: the seat counts what is answered now, not what ever was.
            ok(zhouTerminal.post("/api/exam/answers", steps(step(4, 2, ""))), 200);
            assertThat(pushedAnswered(console, Set.of(zhou.sittingId())))
                    .as("the cleared answer no longer counts")
                    .containsEntry(zhou.sittingId(), 2L);
        }
    }

    /** The answered counts of the next seat rows pushed for these sittings, as many as came within 10 s. */
    private static Map<Long, Long> pushedAnswered(LiveSocket console, Set<Long> sittingIds)
            throws InterruptedException {
        Map<Long, Long> answered = new HashMap<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!answered.keySet().containsAll(sittingIds) && System.nanoTime() < deadline) {
            JsonObject message = console.next(1);
            if (message != null && "seat".equals(message.getString("type"))) {
                JsonObject seat = message.getJsonObject("seat");
                if (sittingIds.contains(seat.getLong("sittingId"))) {
                    answered.put(seat.getLong("sittingId"), seat.getLong("answered"));
                }
            }
        }
        return answered;
    }

    private static JsonObject steps(JsonObject... steps) {
        return new JsonObject().put("steps", new JsonArray(List.of((Object[]) steps)));
    }
}
