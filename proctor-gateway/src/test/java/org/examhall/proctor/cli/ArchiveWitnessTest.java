package org.examhall.proctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.examhall.proctor.config.ExamServerSettings;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.report.ArchiveHeadReporter;
import org.examhall.proctor.report.Outbox;
import org.examhall.proctor.testing.Await;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.ExamServerNode;
import org.examhall.proctor.testing.TestArchive;
import org.examhall.protocol.crypto.Sm2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real exam-server node witnesses the heads of a room's day index as real footage is archived: deleting the
 * newest days together with their index entries, which the archive alone cannot show, is reported by
 * archive-verify; an index cut back and written on is refused by exam-server and still caught; and heads
 * reported while exam-server is down arrive when it is back, across a restart of the gateway.
 */
class ArchiveWitnessTest {

    private static final Instant START = Instant.parse("2026-03-02T01:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @TempDir
    static Path shared;

    private static Path recording;
    private static ExamServerNode examServer;
    private static Vertx vertx;

    @TempDir
    Path dir;
    /** The demo gateway is shared by the tests: each records a room of its own. */
    private final String room = "room-" + UUID.randomUUID().toString().substring(0, 8);

    private Path publicKey;
    private Outbox outbox;
    private ArchiveHeadReporter reporter;

    @BeforeAll
    static void start() throws Exception {
        recording = Clips.generate(shared.resolve("clip.ts"), 8, List.of());
        examServer = ExamServerNode.start(shared.resolve("exam-server"));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        examServer.close();
    }

    @BeforeEach
    void witness() throws Exception {
        publicKey = dir.resolve("gateway.pub.pem");
        Files.writeString(publicKey, Sm2.pem(new TestArchive(dir.resolve("archive")).keys.getPublic()));
        openReporter();
    }

    @AfterEach
    void closeReporter() throws Exception {
        reporter.close();
        outbox.close();
    }

    private void openReporter() throws Exception {
        outbox = new Outbox(dir.resolve("archive-head-outbox.jsonl"));
        reporter = new ArchiveHeadReporter(vertx, settings(), "site1", outbox);
    }

    private ExamServerSettings settings() throws Exception {
        return new ExamServerSettings(examServer.url(), examServer.gatewayToken());
    }

    /** Archives the footage on each of the days, as a running gateway would, telling exam-server every new head. */
    private void record(int firstDay, int days) {
        for (int i = firstDay; i < firstDay + days; i++) {
            Instant start = START.plus(Duration.ofDays(i));
            try (TestArchive archive = new TestArchive(
                    dir.resolve("archive"), Clock.fixed(start.plusSeconds(3600), ZoneOffset.UTC), reporter)) {
                Clips.archive(archive, room, recording, start, Duration.ofSeconds(2));
            }
        }
    }

    private Path index() {
        return new TestArchive(dir.resolve("archive")).layout.dayIndexFile(room);
    }

    private ManifestLine lastIndexLine() throws Exception {
        List<ManifestLine> lines = ManifestReader.read(index());
        return lines.get(lines.size() - 1);
    }

    private HeadWitness.Head witnessed() throws Exception {
        return new HeadWitness(settings()).head(room);
    }

    /** Waits until exam-server holds the index's last line as the room's head. */
    private void awaitWitnessed() throws Exception {
        ManifestLine last = lastIndexLine();
        Await.until(Duration.ofSeconds(30), () -> {
            try {
                HeadWitness.Head head = witnessed();
                return head != null && head.seq() == last.seq() && head.hash().equals(last.hash());
            } catch (Exception e) {
                return false;
            }
        });
    }

    private record Result(int exit, String out) {}

    private Result verify(int lastDay, boolean withExamServer) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--archive",
                dir.resolve("archive").toString(),
                "--site",
                "site1",
                "--room",
                room,
                "--from",
                DAY.toString(),
                "--to",
                DAY.plusDays(lastDay).toString(),
                "--public-key",
                publicKey.toString()));
        if (withExamServer) {
            args.addAll(List.of("--exam-server", examServer.url()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ArchiveVerify.run(
                args.toArray(String[]::new),
                Map.of("EXAMHALL_GATEWAY_TOKEN", examServer.gatewayToken()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }

    /** As an operator on the gateway machine runs it: everything from the gateway's file, the token from the environment. */
    private Result verifyWithGatewayConfig(int lastDay) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                site: site1
                timeZone: Asia/Shanghai
                dataDir: %s
                archive: {root: %s}
                signing: {publicKey: %s}
                examServer: {url: %s}
                rooms:
                  - id: %s
                    name: 第一考场
                    sources: [{id: cam1, type: file, url: /dev/null}]
                """.formatted(
                        dir.resolve("gateway"), dir.resolve("archive"), publicKey, examServer.url(), room));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ArchiveVerify.run(
                new String[] {
                    "--config",
                    config.toString(),
                    "--room",
                    room,
                    "--from",
                    DAY.toString(),
                    "--to",
                    DAY.plusDays(lastDay).toString()
                },
                Map.of("EXAMHALL_GATEWAY_TOKEN", examServer.gatewayToken()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }

    /** Deletes the newest day's folder and every index entry from its listing on, leaving a whole, sealed index. */
    private void deleteNewestDay(int day) throws Exception {
        List<String> lines = Files.readAllLines(index());
        String listing = "\"day\":\"" + DAY.plusDays(day) + "\"";
        Files.write(
                index(),
                lines.subList(
                        0,
                        lines.indexOf(lines.stream()
                                .filter(l -> l.contains(listing))
                                .findFirst()
                                .orElseThrow())));
        try (var paths = Files.walk(new TestArchive(dir.resolve("archive")).layout.dayDir(room, DAY.plusDays(day)))) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private long refusals() {
        return examServer
                .pool()
                .preparedQuery("SELECT count(*) AS n FROM archive_head_refusal WHERE camera_key = $1")
                .execute(Tuple.of(room))
                .await()
                .iterator()
                .next()
                .getLong("n");
    }

    @Test
    void theNewestDaysDeletedWithTheirIndexEntriesAreReportedAgainstTheWitnessedHead() throws Exception {
        record(0, 3);
        awaitWitnessed();
        Result intact = verify(2, true);
        assertThat(intact.exit()).as(intact.out()).isZero();
        assertThat(intact.out()).doesNotContain("UNWITNESSED");

        deleteNewestDay(2);
        Result alone = verify(2, false);
        assertThat(alone.exit())
                .as("the archive alone cannot tell: " + alone.out())
                .isZero();
        assertThat(alone.out())
                .contains("note    UNWITNESSED " + room + "/days.jsonl: no exam-server configured")
                .contains("the newest days could not be checked");
        Result witnessedCheck = verify(2, true);
        assertThat(witnessedCheck.exit()).as(witnessedCheck.out()).isEqualTo(1);
        assertThat(witnessedCheck.out())
                .contains("PROBLEM MISSING " + room + "/days.jsonl: index shorter than witnessed")
                .contains("exam-server witnessed line " + witnessed().seq() + " (day " + DAY.plusDays(2));
        Result fromConfig = verifyWithGatewayConfig(2);
        assertThat(fromConfig.exit()).as(fromConfig.out()).isEqualTo(1);
        assertThat(fromConfig.out()).contains("index shorter than witnessed");
    }

    @Test
    void anIndexCutBackAndWrittenOnIsRefusedByExamServerAndStillCaught() throws Exception {
        record(0, 3);
        awaitWitnessed();
        HeadWitness.Head before = witnessed();
        deleteNewestDay(2);

        // The gateway runs on over the cut index: its next heads are behind the witnessed one.
        record(3, 1);
        assertThat(lastIndexLine().seq()).as("still behind the witnessed head").isLessThanOrEqualTo(before.seq());
        Await.until(Duration.ofSeconds(30), () -> outbox.pending().isEmpty());
        assertThat(refusals()).as("heads going back are refused and kept").isPositive();
        assertThat(witnessed().hash()).isEqualTo(before.hash());
        long audited = examServer
                .pool()
                .preparedQuery(
                        "SELECT count(*) AS n FROM audit_trail WHERE action = 'archive_head.refused' AND target LIKE $1")
                .execute(Tuple.of("%/camera:" + room))
                .await()
                .iterator()
                .next()
                .getLong("n");
        assertThat(audited).isEqualTo(refusals());

        // Written on past the witnessed number, the index is taken forward again, but cannot match the earlier heads.
        record(4, 2);
        awaitWitnessed();
        Result result = verify(5, true);
        assertThat(result.exit()).as(result.out()).isEqualTo(1);
        assertThat(result.out()).contains("PROBLEM ALTERED " + room + "/days.jsonl: witnessed entry differs: line ");
    }

    @Test
    void headsReportedWhileExamServerIsDownArriveWhenItIsBackAfterAGatewayRestart() throws Exception {
        examServer.stop();
        try {
            record(0, 2);
            assertThat(outbox.pending()).extracting(Outbox.Pending::key).containsExactly(room);
            // The gateway is restarted while exam-server is still down: the head waits on disk.
            closeReporter();
        } finally {
            examServer.start();
        }
        openReporter();
        awaitWitnessed();
        Await.until(Duration.ofSeconds(10), () -> outbox.pending().isEmpty());
        Result result = verify(1, true);
        assertThat(result.exit()).as(result.out()).isZero();
    }
}
