package org.examhall.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The exam-day figures an operator watches appear on /metrics and follow what happens in the rooms. */
class OperatorGaugesTest {

    private final TestServer server = TestServer.shared();

    @Test
    void aCandidateAnsweringAtAConnectedTerminalShowsOnTheMetrics() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate candidate = room.addCandidate(sessionId, "宋佳", Photos.person(61, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient terminal = room.confirmedTerminal(room.checkIn(sessionId, candidate, 61), candidate.ticketNo());
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        ok(terminal.post("/api/exam/heartbeat", new JsonObject()), 200);

        long deadline = System.nanoTime() + 20_000_000_000L;
        String metrics;
        do {
            Thread.sleep(250);
            metrics = server.client().get("/metrics").bodyAsString();
        } while ((value(metrics, "examhall_terminals_connected") < 1
                        || value(metrics, "examhall_sittings_answering") < 1)
                && System.nanoTime() < deadline);
        assertThat(value(metrics, "examhall_terminals_connected"))
                .as("connected terminals")
                .isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "examhall_sittings_answering"))
                .as("candidates answering")
                .isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "examhall_audit_pending")).isGreaterThanOrEqualTo(0);
        assertThat(metrics)
                .contains("examhall_province_outbox{status=\"pending\"")
                .contains("examhall_province_outbox{status=\"failing\"");
    }

    @Test
    void aRoomsCameraIsListedWhileItsSessionRuns() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        String cameraKey = TestServer.uniqueName("cam");
        ok(room.admin.post("/api/rooms/" + room.roomId + "/camera", new JsonObject().put("cameraKey", cameraKey)), 200);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        room.addCandidate(sessionId, "韩梅", Photos.person(62, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        Pattern listed = Pattern.compile("(?m)^examhall_running_session_camera\\{exam_site=\"[^\"]+\",room=\""
                + cameraKey + "\",session=\"" + sessionId + "\"} 1(\\.0)?$");
        Thread.sleep(6_000);
        assertThat(server.client().get("/metrics").bodyAsString())
                .as("a session in check-in is not running yet")
                .doesNotContainPattern(listed);

        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        assertThat(awaitMetrics(m -> listed.matcher(m).find())).containsPattern(listed);
    }

    @Test
    void theDataDirectorysFileSystemAndTheClusterAreOnTheMetrics() throws Exception {
        Path data = server.server().config().dataPath();
        String path = "{path=\"" + data + "\"}";
        String metrics = awaitMetrics(m -> value(m, "examhall_disk_total_bytes", path) > 0);
        long total = Files.getFileStore(data).getTotalSpace();
        assertThat(value(metrics, "examhall_disk_total_bytes", path)).isEqualTo(total);
        assertThat(value(metrics, "examhall_disk_free_bytes", path)).isBetween(1.0, (double) total);
        assertThat(value(metrics, "examhall_cluster_members"))
                .as("a node alone")
                .isEqualTo(1);
    }

    private String awaitMetrics(Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String metrics;
        do {
            Thread.sleep(250);
            metrics = server.client().get("/metrics").bodyAsString();
        } while (!done.test(metrics) && System.nanoTime() < deadline);
        return metrics;
    }

    /** A gauge's value in the Prometheus text, or -1 when it is not there. */
    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** The value of the series with exactly these labels, or -1. */
    private static double value(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + labels) + " (\\S+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
