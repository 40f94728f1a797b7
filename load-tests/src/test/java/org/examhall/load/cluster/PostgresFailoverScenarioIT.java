package org.examhall.load.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL that fails over (issue 14), in short: two nodes on a Debian PostgreSQL primary with a
 * synchronous streaming-replication standby, both hosts in the nodes' database URL; mid-sitting the
 * primary crashes ({@code pg_ctl stop -m immediate}) and the standby is promoted. Run by
 * {@code load-tests/cluster/province-cluster.sh --pg-failover-at} as people run it; a failsafe test, it
 * needs the packaged jars, and {@code .ci/run} installs PostgreSQL and nginx.
 */
class PostgresFailoverScenarioIT {

    private static final int TERMINALS = 100;
    private static final Pattern TWO_HOSTS = Pattern.compile(
            "postgresql://examhall@127\\.0\\.0\\.1:(\\d+),127\\.0\\.0\\.1:(\\d+)/postgres\\?targetServerType=primary");

    @Test
    void aPromotedStandbyLosesNoAcknowledgedAnswerAndEveryNodeServesOnItWithinSeconds() throws Exception {
        // A guard, not the expected time (about 2 minutes): at a load average of 42 the nodes alone took 2 to form.
        ProvinceClusterScript.Run run = ProvinceClusterScript.run(
                "pg-failover",
                6,
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
                        "off",
                        "--back-at",
                        "off",
                        "--pg-restart-at",
                        "off",
                        "--pg-failover-at",
                        "12",
                        "--node-heap",
                        "512m"));
        Map<String, String> summary = run.summary();
        Matcher url = TWO_HOSTS.matcher(summary.get("database_url"));
        assertThat(url.matches()).as("the nodes' URL names both servers").isTrue();
        String primary = "127.0.0.1:" + url.group(1);
        String standby = "127.0.0.1:" + url.group(2);
        assertThat(summary.get("simulator_status")).isEqualTo("0");
        assertThat(summary.get("no_lost_answer"))
                .isEqualTo("no lost answer: " + TERMINALS + "/" + TERMINALS + " sittings match");
        // Promoted without a standby of its own, the new primary must not wait for one: no write hangs.
        assertThat(summary.get("pg_new_primary_synchronous_standby_names")).isEqualTo("none");
        assertThat(Long.parseLong(summary.get("pg_failover_serving_again_ms")))
                .as("every node's /health up on the promoted standby")
                .isLessThan(15_000);
        assertThat(summary.get("staff_sessions_valid.pg-failover")).startsWith("6/6");
        assertThat(summary.get("unrecovered_terminals.pg-failover")).isEqualTo("0");
        assertThat(summary.get("result")).isEqualTo("passed");
        for (String node : List.of("node1", "node2")) {
            assertThat(Files.readString(run.work().resolve("logs/" + node + ".log"), StandardCharsets.UTF_8))
                    .as("%s found the new primary itself", node)
                    .contains("event=db_primary_changed from=" + primary + " to=" + standby);
        }

        assertThat(run.report().getInteger("lostAnswers")).isZero();
        assertThat(run.report().getInteger("matchedSittings")).isEqualTo(TERMINALS);
        JsonObject failover = run.reportMark("pg-failover");
        assertThat(failover.getLong("recoveryMs"))
                .as("every answering terminal served again after the failover")
                .isNotNull()
                .isLessThan(30_000L);
    }
}
