package org.examhall.server.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.LiveSocket;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Kiosk signals are kept, not only pushed: a proctor who opens the console late sees the same
 * history, the grid counts them per seat, the signed room record carries them, and nobody can edit
 * them afterwards.
 */
class KioskSignalRecordTest {

    private final TestServer server = TestServer.shared();

    @Test
    void signalsAreStoredPushedAndSignedIntoTheRoomRecord() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate zhao = room.addCandidate(sessionId, "赵磊", Photos.person(31, 0));
        ExamRoom.Candidate sun = room.addCandidate(sessionId, "孙丽", Photos.person(32, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        int zhaoSeat = room.checkIn(sessionId, zhao, 31);
        int sunSeat = room.checkIn(sessionId, sun, 32);
        ApiClient zhaoTerminal = room.confirmedTerminal(zhaoSeat, zhao.ticketNo());
        ApiClient sunTerminal = room.confirmedTerminal(sunSeat, sun.ticketNo());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        zhaoTerminal.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(zhaoTerminal.get("/api/exam/paper"), 200).getString("candidateToken"));

        try (LiveSocket console = LiveSocket.open(
                server.port(),
                "/api/sessions/" + sessionId + "/live",
                room.proctor2.client().sessionCookie())) {
            assertThat(console.next(20)).as("the grid snapshot").isNotNull();
            assertThat(zhaoTerminal
                            .post("/api/exam/signals", new JsonObject().put("kind", "FOCUS_LOST"))
                            .statusCode())
                    .isEqualTo(204);
            JsonObject pushed = console.nextOfType("alert", 5);
            assertThat(pushed).as("the signal was pushed to the console").isNotNull();
            assertThat(pushed.getString("kind")).isEqualTo("FOCUS_LOST");
            assertThat(pushed.getLong("sittingId")).isEqualTo(zhao.sittingId());
            assertThat(pushed.getJsonObject("detail").getLong("signalId")).isPositive();
        }
        assertThat(zhaoTerminal
                        .post("/api/exam/signals", new JsonObject().put("kind", "COPY_ATTEMPT"))
                        .statusCode())
                .isEqualTo(204);
        assertThat(zhaoTerminal
                        .post("/api/exam/signals", new JsonObject().put("kind", "FOCUS_LOST"))
                        .statusCode())
                .isEqualTo(204);
        // 赵磊's ticket typed at 孙丽's terminal: the mistake is 孙丽's terminal's, and 赵磊's record stays clean.
        assertCode(
                room.terminalClient(sunSeat)
                        .post("/api/terminal/confirm", new JsonObject().put("ticketNo", zhao.ticketNo())),
                401,
                "TICKET_MISMATCH");

        // Bad signals are refused and leave nothing behind.
        long before = stored(sessionId);
        assertCode(
                zhaoTerminal.post("/api/exam/signals", new JsonObject().put("kind", "SECOND_LOGIN")),
                400,
                "VALIDATION_FAILED");
        assertCode(
                zhaoTerminal.post("/api/exam/signals", new JsonObject().put("kind", "SCREENSHOT")),
                400,
                "VALIDATION_FAILED");
        assertCode(zhaoTerminal.post("/api/exam/signals", new JsonObject()), 400, "VALIDATION_FAILED");
        assertCode(
                room.terminalClient(sunSeat)
                        .withHeader(TerminalRoutes.TOKEN_HEADER, "forged")
                        .post("/api/exam/signals", new JsonObject().put("kind", "FOCUS_LOST")),
                401,
                "CANDIDATE_TOKEN_INVALID");
        assertThat(stored(sessionId)).isEqualTo(before);

        // A console opened now reads the same history, newest first, and the grid counts per seat.
        JsonArray history = ok(room.proctor1.client().get("/api/sessions/" + sessionId + "/signals"), 200)
                .getJsonArray("signals");
        assertThat(history.stream()
                        .map(JsonObject.class::cast)
                        .map(s -> s.getString("kind"))
                        .toList())
                .containsExactly("TICKET_MISMATCH", "FOCUS_LOST", "COPY_ATTEMPT", "FOCUS_LOST");
        assertThat(history.getJsonObject(0).getLong("sittingId")).isEqualTo(sun.sittingId());
        assertThat(history.getJsonObject(0).getJsonObject("detail").getLong("terminalId"))
                .isEqualTo(room.terminalAtSeat(sunSeat).id());
        JsonObject zhaoRow = seat(room, sessionId, zhao.sittingId());
        assertThat(zhaoRow.getLong("signals")).isEqualTo(3);
        assertThat(seat(room, sessionId, sun.sittingId()).getLong("signals")).isEqualTo(1);
        // A proctor of another session sees none of it.
        ExamRoom other = ExamRoom.create(server, 25);
        assertCode(other.proctor1.client().get("/api/sessions/" + sessionId + "/signals"), 403, "NOT_ASSIGNED_PROCTOR");

        // After the hand-in a late signal is refused: the record the proctors sign is closed.
        ok(zhaoTerminal.post("/api/exam/submit", new JsonObject()), 200);
        assertCode(
                zhaoTerminal.post("/api/exam/signals", new JsonObject().put("kind", "FOCUS_LOST")),
                409,
                "SITTING_NOT_ANSWERING");
        ok(sunTerminal.post("/api/exam/submit", new JsonObject()), 200);
        room.moveTo(sessionId, "CLOSED", room.proctor1.client());
        JsonObject record = ok(room.proctor1.client().get("/api/sessions/" + sessionId + "/room-record"), 200);
        JsonObject zhaoInRecord = record.getJsonArray("candidates").stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getLong("sittingId") == zhao.sittingId())
                .findFirst()
                .orElseThrow();
        assertThat(zhaoInRecord.getJsonObject("signals"))
                .isEqualTo(new JsonObject().put("FOCUS_LOST", 2).put("COPY_ATTEMPT", 1));
        assertThat(record.getJsonArray("candidates").stream()
                        .map(JsonObject.class::cast)
                        .filter(c -> c.getLong("sittingId") == sun.sittingId())
                        .findFirst()
                        .orElseThrow()
                        .getJsonObject("signals"))
                .isEqualTo(new JsonObject().put("TICKET_MISMATCH", 1));
        String hash = ok(
                        room.proctor1
                                .client()
                                .post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()),
                        200)
                .getString("recordHash");
        assertThat(ok(
                                room.proctor2
                                        .client()
                                        .post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()),
                                200)
                        .getString("recordHash"))
                .isEqualTo(hash);

        // The table refuses edits and deletions, even from the application's own database role.
        for (String sql : List.of(
                "UPDATE kiosk_signal SET kind = 'RELOAD' WHERE session_id = $1",
                "DELETE FROM kiosk_signal WHERE session_id = $1")) {
            assertThatThrownBy(() -> TestServer.await(
                            server.server().pool().preparedQuery(sql).execute(Tuple.of(sessionId))))
                    .hasMessageContaining("append-only");
        }
        assertThat(stored(sessionId)).isEqualTo(4);
    }

    private static JsonObject seat(ExamRoom room, long sessionId, long sittingId) {
        return ok(room.proctor1.client().get("/api/sessions/" + sessionId + "/grid"), 200)
                .getJsonArray("seats")
                .stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getLong("sittingId") == sittingId)
                .findFirst()
                .orElseThrow();
    }

    private long stored(long sessionId) {
        return TestServer.await(server.server()
                        .pool()
                        .preparedQuery("SELECT count(*) AS n FROM kiosk_signal WHERE session_id = $1")
                        .execute(Tuple.of(sessionId)))
                .iterator()
                .next()
                .getLong("n");
    }
}
