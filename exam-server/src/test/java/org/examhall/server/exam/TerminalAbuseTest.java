package org.examhall.server.exam;

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
 * A terminal in the hands of someone trying things: guessing other candidates' tickets, flooding
 * the proctors with signals, sending huge bodies. Each is cut off and the room's record stays sane.
 */
class TerminalAbuseTest {

    private final TestServer server = TestServer.shared();

    @Test
    void aTerminalThatGuessesTicketsIsStoppedAfterFiveAndOtherTerminalsAreNot() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate he = room.addCandidate(sessionId, "何平", Photos.person(161, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        int seat = room.checkIn(sessionId, he, 161);
        ApiClient guesser = room.terminalClient(seat);

        for (int i = 0; i < 5; i++) {
            assertCode(
                    guesser.post("/api/terminal/confirm", new JsonObject().put("ticketNo", "GUESS-" + i)),
                    401,
                    "TICKET_MISMATCH");
        }
        assertCode(
                guesser.post("/api/terminal/confirm", new JsonObject().put("ticketNo", "GUESS-5")),
                429,
                "TOO_MANY_WRONG_TICKETS");
        // Even the right ticket waits: guessing cannot be told apart from the candidate's own typing.
        assertCode(
                guesser.post("/api/terminal/confirm", new JsonObject().put("ticketNo", he.ticketNo())),
                429,
                "TOO_MANY_WRONG_TICKETS");
        assertThat(signalCount(sessionId, "TICKET_MISMATCH")).isEqualTo(5);

        int otherSeat = seat == 1 ? 2 : 1;
        assertCode(
                room.terminalClient(otherSeat)
                        .post("/api/terminal/confirm", new JsonObject().put("ticketNo", "NOBODY-HERE")),
                409,
                "NO_CANDIDATE_AT_TERMINAL");
    }

    @Test
    void signalsBeyondSixtyAMinuteAreRefusedAndNotStored() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate lu = room.addCandidate(sessionId, "陆敏", Photos.person(162, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient terminal = room.confirmedTerminal(room.checkIn(sessionId, lu, 162), lu.ticketNo());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        ok(terminal.get("/api/exam/paper"), 200);

        for (int i = 0; i < TerminalLimits.SIGNALS_PER_MINUTE; i++) {
            assertThat(terminal.post("/api/exam/signals", new JsonObject().put("kind", "FOCUS_LOST"))
                            .statusCode())
                    .isEqualTo(204);
        }
        assertCode(
                terminal.post("/api/exam/signals", new JsonObject().put("kind", "FOCUS_LOST")),
                429,
                "SIGNALS_TOO_FREQUENT");
        assertThat(signalCount(sessionId, "FOCUS_LOST")).isEqualTo(TerminalLimits.SIGNALS_PER_MINUTE);
    }

    @Test
    void signInAndTerminalRoutesTakeSmallBodiesOnly() {
        String big = "x".repeat(100 * 1024);
        assertCode(
                server.client()
                        .post(
                                "/api/auth/login",
                                new JsonObject().put("username", "u").put("password", big)),
                413,
                "BODY_TOO_LARGE");
        ExamRoom room = ExamRoom.create(server, 25);
        assertCode(
                room.terminalClient(1).post("/api/terminal/confirm", new JsonObject().put("ticketNo", big)),
                413,
                "BODY_TOO_LARGE");
        assertCode(
                room.terminalClient(1).post("/api/exam/answers", new JsonObject().put("steps", big)),
                413,
                "BODY_TOO_LARGE");
        // The bureau's own routes still take their larger bodies (a candidate list, a proof file).
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        assertThat(room.admin
                        .post("/api/sessions/" + sessionId + "/candidates/import", new JsonObject().put("csv", big))
                        .statusCode())
                .isNotEqualTo(413);
    }

    private long signalCount(long sessionId, String kind) {
        return TestServer.await(server.server()
                        .pool()
                        .preparedQuery("SELECT count(*) AS n FROM kiosk_signal WHERE session_id = $1 AND kind = $2")
                        .execute(Tuple.of(sessionId, kind)))
                .iterator()
                .next()
                .getLong("n");
    }
}
