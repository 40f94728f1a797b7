package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The restore drill of docs/backup.md, end to end with the province's own scripts
 * ({@code deploy/postgresql}): Debian's PostgreSQL archiving its WAL, a real node in demo mode changed
 * through HTTP, base backups, a point in time T with the head the node anchored by then, more changes,
 * everything stopped, {@code restore.sh} to T, and then {@code audit-verify} from the server jar. A failsafe
 * test: it runs the packaged jars ({@code .ci/run} installs PostgreSQL).
 */
class RestoreDrillIT {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
    private static final DateTimeFormatter POSTGRES_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
    private static final Pattern FIGURE = Pattern.compile("(\\w+_(?:bytes|ms))=(\\d+)");

    private final Path repository = Path.of("").toAbsolutePath().getParent();
    private final Path scripts = repository.resolve("deploy/postgresql");
    private final Map<String, String> figures = new LinkedHashMap<>();
    private Path work;
    private Path run;
    private BackupPostgres postgres;
    private BackupPostgres restored;

    /** The newest chained audit entry. */
    private record Head(long seq, String hash) {}

    @BeforeEach
    void directories() throws Exception {
        work = Path.of("target/restore-drill-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(work);
        // PostgreSQL's files belong to the service user, who cannot reach a work tree under /root.
        run = Files.createTempDirectory("restore-drill");
        ServiceUser.own(run);
    }

    @AfterEach
    void stopAndClean() throws Exception {
        try {
            if (restored != null) {
                restored.stop();
            }
        } finally {
            if (postgres != null) {
                postgres.stop();
            }
            for (Path log : List.of(run.resolve("postgres.log"), run.resolve("restored/log/restore.log"))) {
                if (Files.exists(log)) {
                    Files.copy(log, work.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try (Stream<Path> files = Files.walk(run)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Test
    void aPointInTimeRestoreKeepsTheChangesBeforeItAndTheAuditChainUpToTheHeadAnchoredThen() throws Exception {
        Path archive = run.resolve("archive");
        Path backups = run.resolve("backups");
        postgres = BackupPostgres.start(scripts, run, archive, freePort());
        Path anchors = work.resolve("node/audit-anchors.jsonl");
        Path anchorsAtT = work.resolve("audit-anchors-at-t.jsonl");
        Head headAtT;
        Instant t;
        try (RestoreDrillNode node = RestoreDrillNode.start(
                repository, work.resolve("node"), postgres.url(), anchors, freePort(), freePort())) {
            node.signIn("admin", "demo-admin-2026");
            baseBackup(backups, archive);
            node.createStaff("drill-before-backup");
            Map<String, String> second = baseBackup(backups, archive);
            figures.put("database_bytes", postgres.query("SELECT pg_database_size('postgres')"));
            Map<String, String> third = baseBackup(backups, archive);
            figures.putAll(third);

            // --keep 2: the first backup is gone, and with it the WAL only it needed.
            assertThat(names(backups)).containsExactly(second.get("name"), third.get("name"));
            assertThat(walFiles(archive))
                    .contains(second.get("start_wal") + ".gz")
                    .allMatch(wal -> wal.compareTo(second.get("start_wal")) >= 0);

            // Changed after the newest backup: only the archived WAL brings it back.
            node.createStaff("drill-before-t");
            headAtT = awaitAnchoredHead(anchors);
            Files.copy(anchors, anchorsAtT);
            t = Instant.now();
            Thread.sleep(500);
            node.createStaff("drill-after-t");
            awaitChainedBeyond(headAtT);
        }
        postgres.switchWalAndAwaitArchived();
        postgres.stop();
        List<String> archivedBeforeRestore = walFiles(archive);

        int restoredPort = freePort();
        long restoreStarted = System.currentTimeMillis();
        ServiceUser.Output restore = ServiceUser.asService(
                SCRIPT_TIMEOUT,
                scripts.resolve("restore.sh").toString(),
                "--backup",
                backups.toString(),
                "--archive-dir",
                archive.toString(),
                "--data-dir",
                run.resolve("restored").toString(),
                "--target-time",
                POSTGRES_TIME.format(t),
                "--port",
                String.valueOf(restoredPort),
                "--socket-dir",
                run.toString(),
                "--config-from",
                run.resolve("etc").toString(),
                "--drill");
        figures.put("restore_total_ms", String.valueOf(System.currentTimeMillis() - restoreStarted));
        restored = BackupPostgres.running(run.resolve("restored"), restoredPort);
        assertThat(restore.exitCode())
                .as("restore.sh printed:%n%s", restore.text())
                .isZero();
        figures.putAll(figuresIn(restore.text()));
        writeFigures();

        // The changes committed before T are there, the one after T is not.
        assertThat(restored.query("SELECT string_agg(username, ',' ORDER BY username) FROM staff_account"
                        + " WHERE username LIKE 'drill-%'"))
                .isEqualTo("drill-before-backup,drill-before-t");
        assertThat(restored.query("SELECT string_agg(target, ',' ORDER BY seq) FROM audit_log"
                        + " WHERE action = 'staff.created' AND target LIKE 'staff:drill-%'"))
                .isEqualTo("staff:drill-before-backup,staff:drill-before-t");

        // The restored chain ends exactly at the head the node had anchored by T, and verifies against it.
        assertThat(head(restored)).isEqualTo(headAtT);
        ServiceUser.Output atT = auditVerify(anchorsAtT);
        assertThat(atT.exitCode()).as(atT.text()).isZero();
        assertThat(atT.text())
                .contains("head witnessed outside the database: entry " + headAtT.seq())
                .contains("audit chain intact: " + headAtT.seq() + " entries verified");

        // The node's own anchor file has witnessed the entries after T: the restore lost them, and says so.
        ServiceUser.Output now = auditVerify(anchors);
        assertThat(now.exitCode()).as(now.text()).isEqualTo(1);
        assertThat(now.text()).contains("is missing: the newest entries were deleted");

        // A drill's copy archives nothing: no new timeline in the archive a real restore would follow.
        assertThat(walFiles(archive)).isEqualTo(archivedBeforeRestore);

        // Tampering with one restored audit row (the trigger that forbids it disabled, as a superuser can).
        long tampered = Long.parseLong(restored.query(
                "SELECT seq FROM audit_log WHERE action = 'staff.created' AND target = 'staff:drill-before-backup'"));
        restored.query("BEGIN; ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;"
                + " UPDATE audit_log SET details = replace(details, 'AUDITOR', 'BUREAU_ADMIN') WHERE seq = "
                + tampered + "; ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only; COMMIT");
        ServiceUser.Output broken = auditVerify(anchorsAtT);
        assertThat(broken.exitCode()).as(broken.text()).isEqualTo(1);
        assertThat(broken.text())
                .contains("audit chain BROKEN at entry " + tampered + ": content does not match its hash");
    }

    /** base-backup.sh as the nightly job runs it, keeping two; returns its summary line's fields. */
    private Map<String, String> baseBackup(Path backups, Path archive) throws Exception {
        ServiceUser.Output backup = ServiceUser.asService(
                SCRIPT_TIMEOUT,
                scripts.resolve("base-backup.sh").toString(),
                "--backup-dir",
                backups.toString(),
                "--archive-dir",
                archive.toString(),
                "--keep",
                "2",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(postgres.port()),
                "--user",
                BackupPostgres.USER);
        assertThat(backup.exitCode())
                .as("base-backup.sh printed:%n%s", backup.text())
                .isZero();
        Matcher summary =
                Pattern.compile("base-backup: (base-\\S+) .* start_wal=(\\w+)").matcher(backup.text());
        assertThat(summary.find()).as(backup.text()).isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", summary.group(1));
        fields.put("start_wal", summary.group(2));
        fields.putAll(figuresIn(backup.text()));
        return fields;
    }

    /**
     * Waits until every audited change is chained and the node has anchored the chain's head (at most
     * every 30 s), so that the anchor at T witnesses the whole chain as it stands at T.
     */
    private Head awaitAnchoredHead(Path anchors) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            Head head = head(postgres);
            boolean chained = "0".equals(postgres.query("SELECT count(*) FROM audit_pending"));
            if (chained && head.equals(latestAnchor(anchors))) {
                return head;
            }
            assertThat(System.currentTimeMillis())
                    .as("the node anchors its head within 90 s (head %s)", head)
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private void awaitChainedBeyond(Head before) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (head(postgres).seq() <= before.seq()) {
            assertThat(System.currentTimeMillis())
                    .as("the change after T is chained")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Head head(BackupPostgres database) throws Exception {
        String[] row = database.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                .split("\\|");
        return new Head(Long.parseLong(row[0]), row[1]);
    }

    private static Head latestAnchor(Path anchors) throws IOException {
        if (!Files.exists(anchors)) {
            return null;
        }
        List<String> lines = Files.readAllLines(anchors, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return null;
        }
        JsonObject last = new JsonObject(lines.get(lines.size() - 1));
        return new Head(last.getLong("seq"), last.getString("hash"));
    }

    /** The production jar's audit-verify against the restored database, with the given anchor file. */
    private ServiceUser.Output auditVerify(Path anchorFile) throws Exception {
        Path config = work.resolve("audit-verify-" + System.nanoTime() + ".yaml");
        Files.writeString(config, """
                database:
                  url: %s
                security:
                  auditAnchorFile: %s
                """.formatted(restored.url(), anchorFile), StandardCharsets.UTF_8);
        return ServiceUser.asBuildUser(
                SCRIPT_TIMEOUT,
                "java",
                "-jar",
                repository.resolve("exam-server/target/examhall-server.jar").toString(),
                "audit-verify",
                "--config",
                config.toString());
    }

    private static List<String> names(Path backups) throws IOException {
        try (Stream<Path> entries = Files.list(backups)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("base-"))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> walFiles(Path archive) throws IOException {
        try (Stream<Path> entries = Files.list(archive)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static Map<String, String> figuresIn(String output) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = FIGURE.matcher(output);
        while (matcher.find()) {
            found.put(matcher.group(1), matcher.group(2));
        }
        return found;
    }

    /** The drill's figures for docs/backup.md, beside the logs. */
    private void writeFigures() throws IOException {
        List<String> lines = new ArrayList<>();
        figures.forEach((key, value) -> {
            if (!key.equals("name") && !key.equals("start_wal")) {
                lines.add(key + "=" + value);
            }
        });
        Files.write(work.resolve("figures.txt"), lines, StandardCharsets.UTF_8);
        System.out.println("restore drill figures: " + String.join(" ", lines));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
