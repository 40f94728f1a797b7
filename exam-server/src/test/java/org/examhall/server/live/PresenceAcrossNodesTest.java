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
import org.examhall.server.testing.TestCluster;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes, a terminal whose heartbeats reach one node and then the other, as behind a load
 * balancer: each node hears it only every other beat, yet the console hears of it coming, falling silent
 * and coming back once each, never from both nodes.
 */
class PresenceAcrossNodesTest {

    @AutoClose
    private static final TestCluster cluster = TestCluster.start(2);

    private static final TestServer nodeA = cluster.node(0);
    private static final TestServer nodeB = cluster.node(1);

    /** A seat row as the console received it, and when. */
    private record Push(JsonObject seat, long at) {}

    /** Each node checks every 2 s and flushes every 1 s: a second node's push of the same change comes sooner. */
    private static final long DUPLICATE_WITHIN_S = 5;

    @Test
    void eachChangeOfATerminalHeardByBothNodesIsPushedOnce() throws Exception {
        TestServer.seedDemoBank(nodeA.server());
        ExamRoom room = ExamRoom.create(nodeA, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate qian = room.addCandidate(sessionId, "钱进", Photos.person(44, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        int seat = room.checkIn(sessionId, qian, 44);
        ApiClient onA = room.confirmedTerminal(seat, qian.ticketNo());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        String token = ok(onA.get("/api/exam/paper"), 200).getString("candidateToken");
        onA.withHeader(TerminalRoutes.TOKEN_HEADER, token);
        ApiClient onB = nodeB.client()
                .withHeader("X-Terminal-Credential", room.terminalAtSeat(seat).credential())
                .withHeader(TerminalRoutes.TOKEN_HEADER, token);

        try (LiveSocket console = LiveSocket.open(
                nodeB.port(),
                "/api/sessions/" + sessionId + "/live",
                room.proctor2.client().sessionCookie())) {
            assertThat(console.nextOfType("grid", 20)).as("the grid snapshot").isNotNull();
            // The start's own push may come after the snapshot: let it pass before the first beat.
            Thread.sleep(1_000);
            drain(console);

            // Four beats 3 s apart, A, B, A, B: both nodes hear it, and both flush it to the cluster.
            long lastBeat = 0;
            for (ApiClient node : List.of(onA, onB, onA, onB)) {
                // Taken before the request: the node's time of the beat is no earlier.
                lastBeat = System.currentTimeMillis();
                ok(node.post("/api/exam/heartbeat", new JsonObject()), 200);
                Thread.sleep(3_000);
            }
            List<Push> came = pushes(console, qian.sittingId(), 1, 1);
            assertThat(came).as("its coming, pushed once").hasSize(1);
            assertThat(came.get(0).seat().getBoolean("connected")).isTrue();

            // Silent: node B heard it last and tells; node A, whose own time passed the threshold 3 s earlier, does
            // not.
            List<Push> silent = pushes(console, qian.sittingId(), 30, DUPLICATE_WITHIN_S);
            assertThat(silent).as("its silence, pushed once").hasSize(1);
            assertThat(silent.get(0).seat().getString("status")).isEqualTo("DISCONNECTED");
            assertThat(silent.get(0).at() - lastBeat)
                    .as("not before the threshold")
                    .isGreaterThanOrEqualTo(RoomGrid.DISCONNECTED_AFTER_MS);

            ok(onA.post("/api/exam/heartbeat", new JsonObject()), 200);
            List<Push> back = pushes(console, qian.sittingId(), 10, DUPLICATE_WITHIN_S);
            assertThat(back).as("back, pushed once").hasSize(1);
            assertThat(back.get(0).seat().getBoolean("connected")).isTrue();
        }
    }

    /**
     * The seat rows of this sitting pushed until the first one (waited for up to {@code firstWithin} seconds,
     * none if it did not come) and during {@code thenFor} seconds after it, as a second node's push would be.
     */
    private static List<Push> pushes(LiveSocket console, long sittingId, long firstWithin, long thenFor)
            throws InterruptedException {
        List<Push> rows = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(firstWithin);
        while (System.nanoTime() < until) {
            JsonObject message = console.nextOfType("seat", 1);
            if (message != null && message.getJsonObject("seat").getLong("sittingId") == sittingId) {
                rows.add(new Push(message.getJsonObject("seat"), System.currentTimeMillis()));
                if (rows.size() == 1) {
                    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(thenFor);
                }
            }
        }
        return rows;
    }

    private static void drain(LiveSocket console) throws InterruptedException {
        while (console.next(0) != null) {
            // messages from before the first beat
        }
    }
}
