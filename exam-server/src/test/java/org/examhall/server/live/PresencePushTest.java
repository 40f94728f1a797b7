package org.examhall.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.examhall.server.exam.TerminalRoutes;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.LiveSocket;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A console sees a terminal come, fall silent and come back from what the node pushes, without reading
 * the grid: its first heartbeat turns the seat connected, 20 s without one turn it DISCONNECTED (this test
 * waits them out), and the next heartbeat turns it back.
 */
class PresencePushTest {

    private final TestServer server = TestServer.shared();

    @Test
    void aTerminalFallingSilentAndComingBackReachesTheConsoleAsSeatRows() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate sun = room.addCandidate(sessionId, "孙丽", Photos.person(43, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient terminal = room.confirmedTerminal(room.checkIn(sessionId, sun, 43), sun.ticketNo());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        terminal.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(terminal.get("/api/exam/paper"), 200).getString("candidateToken"));

        try (LiveSocket console = LiveSocket.open(
                server.port(),
                "/api/sessions/" + sessionId + "/live",
                room.proctor2.client().sessionCookie())) {
            JsonObject snapshot = console.nextOfType("grid", 20);
            assertThat(snapshot).as("the grid snapshot").isNotNull();
            assertThat(snapshot.getJsonArray("seats").getJsonObject(0).getString("status"))
                    .as("answering, never heard")
                    .isEqualTo("DISCONNECTED");

            // Taken before the request: the node's time of the beat is no earlier.
            long lastBeat = System.currentTimeMillis();
            ok(terminal.post("/api/exam/heartbeat", new JsonObject()), 200);
            // The start's own push (the paper was fetched just before) may still arrive, from before the heartbeat.
            JsonObject came = nextSeat(console, sun.sittingId(), 10);
            while (came != null && !came.getBoolean("connected")) {
                came = nextSeat(console, sun.sittingId(), 10);
            }
            assertThat(came).as("the first heartbeat, pushed").isNotNull();
            assertThat(came.getString("status")).isEqualTo("ANSWERING");
            assertThat(came.getString("lastHeartbeat")).isNotNull();

            List<String> othersMeanwhile = new ArrayList<>();
            JsonObject silent = null;
            while (silent == null && System.currentTimeMillis() - lastBeat < 40_000) {
                JsonObject message = console.next(1);
                if (message == null) {
                    continue;
                }
                JsonObject seat = message.getJsonObject("seat");
                if ("seat".equals(message.getString("type")) && seat.getLong("sittingId") == sun.sittingId()) {
                    // The paper's start push and the heartbeat's may both land after the beat, in either order:
                    // a row that still shows the terminal connected is one of them, not the silence.
                    if (!seat.getBoolean("connected")) {
                        silent = seat;
                    }
                } else {
                    othersMeanwhile.add(message.getString("type"));
                }
            }
            long pushedAfter = System.currentTimeMillis() - lastBeat;
            assertThat(silent).as("the silence, pushed").isNotNull();
            assertThat(silent.getString("status")).isEqualTo("DISCONNECTED");
            assertThat(silent.getBoolean("connected")).isFalse();
            assertThat(pushedAfter)
                    .as("after the threshold, within the check and the seat's read")
                    .isGreaterThanOrEqualTo(RoomGrid.DISCONNECTED_AFTER_MS)
                    .isLessThan(RoomGrid.DISCONNECTED_AFTER_MS + TimeUnit.SECONDS.toMillis(10));
            assertThat(othersMeanwhile).as("no grid was sent meanwhile").isEmpty();

            ok(terminal.post("/api/exam/heartbeat", new JsonObject()), 200);
            JsonObject back = nextSeat(console, sun.sittingId(), 10);
            assertThat(back).as("heard again, pushed").isNotNull();
            assertThat(back.getString("status")).isEqualTo("ANSWERING");
            assertThat(back.getBoolean("connected")).isTrue();
        }
    }

    /** The next seat row pushed for this sitting within the wait, or null. */
    private static JsonObject nextSeat(LiveSocket console, long sittingId, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            JsonObject message = console.nextOfType("seat", 1);
            if (message != null && message.getJsonObject("seat").getLong("sittingId") == sittingId) {
                return message.getJsonObject("seat");
            }
        }
        return null;
    }
}
