package org.examhall.load.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
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
        ProvinceClusterScript.Run run = ProvinceClusterScript.run(
                "province-cluster",
                4,
                List.of(
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
                        "512m"));
        Map<String, String> summary = run.summary();
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
        JsonObject report = run.report();
        assertThat(report.getInteger("lostAnswers")).isZero();
        assertThat(report.getInteger("matchedSittings")).isEqualTo(TERMINALS);
        JsonObject kill = run.reportMark("kill-node2");
        assertThat(kill.getLong("recoveryMs"))
                .as("every terminal served again after the kill")
                .isNotNull()
                .isLessThan(30_000L);
        assertThat(run.work().resolve("report/report.html")).exists();
    }
}
