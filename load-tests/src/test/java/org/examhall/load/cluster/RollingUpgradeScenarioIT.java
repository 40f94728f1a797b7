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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A rolling upgrade from the previous release (deploy/upgrade/previous-release) to this build, in short: two
 * nodes start on the previous release's tools jar (built by {@code load-tests/cluster/build-release.sh}, kept
 * by commit id under {@code ~/.cache/examhall/releases} or {@code -Dexamhall.release.cache}); while 150
 * terminals answer through nginx each node in turn is drained at nginx, stopped with SIGTERM, started on this build's jar and
 * awaited back in the cluster (docs/upgrades.md). Nothing acknowledged is lost, every staff session holds and
 * every terminal is served again. A failsafe test: it needs the packaged jars.
 */
class RollingUpgradeScenarioIT {

    private static final int TERMINALS = 150;
    private static final int NODES = 2;
    /** Long enough for both nodes' drain, stop, start and rejoin while the terminals answer, on a busy machine. */
    private static final int ANSWERING_S = 120;

    private static final Pattern COMMIT = Pattern.compile("(?m)^commit=([0-9a-f]{40})$");

    @Test
    void everyNodeUpgradedInTurnWhileTerminalsAnswerLosesNothing() throws Exception {
        Path previousJar = previousReleaseJar();

        ProvinceClusterScript.Run run = ProvinceClusterScript.run(
                "rolling-upgrade",
                10,
                List.of(
                        "--nodes",
                        String.valueOf(NODES),
                        "--terminals",
                        String.valueOf(TERMINALS),
                        "--duration-s",
                        String.valueOf(ANSWERING_S),
                        "--answer-interval-ms",
                        "2000",
                        "--upgrade-from",
                        previousJar.toString(),
                        "--upgrade-at",
                        "3",
                        "--upgrade-drain-s",
                        "2",
                        "--node-heap",
                        "512m"));

        Map<String, String> summary = run.summary();
        assertThat(summary.get("upgrade_from")).isEqualTo(previousJar.toString());
        assertThat(summary.get("simulator_status")).isEqualTo("0");
        assertThat(summary.get("no_lost_answer"))
                .isEqualTo("no lost answer: " + TERMINALS + "/" + TERMINALS + " sittings match");
        assertThat(summary.get("upgraded_nodes")).isEqualTo(NODES + "/" + NODES);
        assertThat(Integer.parseInt(summary.get("upgrade_done_s"))).isLessThan(ANSWERING_S);
        for (int node = 1; node <= NODES; node++) {
            // 143: the JVM ended on the SIGTERM, through its shutdown hook, not by the script's kill -9.
            assertThat(summary.get("upgrade_exit_status.node" + node)).isEqualTo("143");
            assertThat(summary).containsKey("upgrade_rejoined_ms.node" + node);
            assertThat(summary.get("staff_sessions_valid.upgrade-node" + node)).startsWith("6/6");
            assertThat(summary.get("unrecovered_terminals.upgrade-node" + node)).isEqualTo("0");
        }
        assertThat(summary.get("result")).isEqualTo("passed");

        JsonObject report = run.report();
        assertThat(report.getInteger("lostAnswers")).isZero();
        assertThat(report.getInteger("matchedSittings")).isEqualTo(TERMINALS);
        assertThat(run.reportMark("upgrade-done")).isNotNull();
    }

    /** The previous release's tools jar, built once per commit. */
    private static Path previousReleaseJar() throws IOException, InterruptedException {
        String recorded = Files.readString(
                ProvinceClusterScript.MODULE.resolve("../deploy/upgrade/previous-release"), StandardCharsets.UTF_8);
        Matcher commit = COMMIT.matcher(recorded);
        assertThat(commit.find())
                .as("a commit= line in deploy/upgrade/previous-release")
                .isTrue();
        Path cache = Path.of(System.getProperty(
                "examhall.release.cache", System.getProperty("user.home") + "/.cache/examhall/releases"));
        Path log = Files.createTempFile("build-release", ".log");
        Process build = new ProcessBuilder(
                        "bash",
                        ProvinceClusterScript.MODULE
                                .resolve("cluster/build-release.sh")
                                .toString(),
                        commit.group(1),
                        cache.toString())
                .redirectError(log.toFile())
                .start();
        String printed = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(build.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(build.exitValue())
                .as("build-release.sh %s: %s", commit.group(1), Files.readString(log))
                .isZero();
        Files.delete(log);
        return Path.of(printed);
    }
}
