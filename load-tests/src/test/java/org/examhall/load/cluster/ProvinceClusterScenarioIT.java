package org.examhall.load.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The province cluster benchmark in short (issue 16): two nodes, 50 terminals through nginx, one
 * {@code kill -9} mid-sitting, run by {@code load-tests/cluster/province-cluster.sh} as people run it,
 * with Debian's PostgreSQL and nginx ({@code .ci/run} installs them; without them the script fails and
 * says which is missing). A failsafe test: it needs the packaged jars.
 */
class ProvinceClusterScenarioIT {

    private static final int TERMINALS = 50;

    @Test
    void aNodeKilledMidSittingLosesNoAcknowledgedAnswerAndNoStaffSession() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path work = module.resolve("target/province-cluster-" + System.currentTimeMillis());
        Files.createDirectories(work);
        Path output = work.resolve("script-output.txt");
        Process script = new ProcessBuilder(
                        "bash",
                        module.resolve("cluster/province-cluster.sh").toString(),
                        "--nodes",
                        "2",
                        "--terminals",
                        String.valueOf(TERMINALS),
                        "--duration-s",
                        "30",
                        "--answer-interval-ms",
                        "1000",
                        "--kill-at",
                        "10",
                        "--back-at",
                        "off",
                        "--pg-restart-at",
                        "off",
                        "--node-heap",
                        "512m",
                        "--work-dir",
                        work.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!script.waitFor(4, TimeUnit.MINUTES)) {
            // TERM lets the script stop the nodes, nginx and PostgreSQL it started.
            script.destroy();
            script.waitFor(2, TimeUnit.MINUTES);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(script.exitValue())
                .as("the script's exit status; it printed:%n%s", printed)
                .isZero();

        Map<String, String> summary = summary(work.resolve("summary.txt"));
        assertThat(summary.get("simulator_status")).isEqualTo("0");
        assertThat(summary.get("no_lost_answer"))
                .isEqualTo("no lost answer: " + TERMINALS + "/" + TERMINALS + " sittings match");
        assertThat(summary.get("node_gone")).startsWith("yes");
        // The kernel closes a killed JVM's connections, so the survivor notices well within the heartbeat timeout.
        assertThat(Long.parseLong(summary.get("member_loss_detected_ms"))).isLessThan(10_000);
        assertThat(summary.get("staff_sessions_valid.kill-node2")).startsWith("6/6");
        assertThat(summary.get("unrecovered_terminals.kill-node2")).isEqualTo("0");
        assertThat(summary.get("result")).isEqualTo("passed");

        // The simulator's own account of the same run, with the fault mark the script wrote.
        JsonObject report =
                new JsonObject(Files.readString(work.resolve("report/report.json"), StandardCharsets.UTF_8));
        assertThat(report.getInteger("lostAnswers")).isZero();
        assertThat(report.getInteger("matchedSittings")).isEqualTo(TERMINALS);
        JsonObject kill = report.getJsonArray("marks").stream()
                .map(JsonObject.class::cast)
                .filter(mark -> "kill-node2".equals(mark.getString("label")))
                .findFirst()
                .orElseThrow();
        assertThat(kill.getLong("recoveryMs"))
                .as("every terminal served again after the kill")
                .isNotNull()
                .isLessThan(30_000L);
        assertThat(work.resolve("report/report.html")).exists();
    }

    private static Map<String, String> summary(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.stream()
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(
                        line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1)));
    }
}
