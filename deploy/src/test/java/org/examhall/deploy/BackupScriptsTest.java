package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the backup scripts refuse, and how archive-wal.sh treats a file already archived: the cases a
 * restore drill does not reach; and shellcheck's word on all of them (Debian's shellcheck, which
 * {@code .ci/run} installs). The drill itself is {@link RestoreDrillIT}.
 */
class BackupScriptsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String WAL = "000000010000000000000007";

    private final Path scripts = Path.of("postgresql").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theScriptsPassShellcheck() throws Exception {
        List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=info"));
        try (Stream<Path> files = Files.list(scripts)) {
            files.filter(file -> file.toString().endsWith(".sh"))
                    .sorted()
                    .forEach(file -> command.add(file.toString()));
        }
        assertThat(command).hasSizeGreaterThan(2);

        ServiceUser.Output checked = ServiceUser.asBuildUser(TIMEOUT, command.toArray(String[]::new));

        assertThat(checked.exitCode()).as(checked.text()).isZero();
    }

    @Test
    void archiveWalArchivesOnceNeverOverwritesOtherContentAndRestoreWalReadsItBack() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Path segment = Files.writeString(dir.resolve("segment"), "wal bytes", StandardCharsets.UTF_8);

        ServiceUser.Output unmarked = archiveWal(archive, segment, WAL);
        assertThat(unmarked.exitCode()).isEqualTo(1);
        assertThat(unmarked.text()).contains("not a WAL archive").contains("is the remote store mounted?");
        assertThat(archive).isEmptyDirectory();

        Files.createFile(archive.resolve(".examhall-wal-archive"));
        assertThat(archiveWal(archive, segment, WAL).exitCode()).isZero();
        assertThat(gunzip(archive.resolve(WAL + ".gz"))).isEqualTo("wal bytes");
        // Archived again after a crash, with the same content: success.
        assertThat(archiveWal(archive, segment, WAL).exitCode()).isZero();

        Path other = Files.writeString(dir.resolve("other"), "other bytes", StandardCharsets.UTF_8);
        ServiceUser.Output clash = archiveWal(archive, other, WAL);
        assertThat(clash.exitCode()).isEqualTo(1);
        assertThat(clash.text()).contains("exists with other content: refusing to overwrite");
        assertThat(gunzip(archive.resolve(WAL + ".gz"))).isEqualTo("wal bytes");
        try (var left = Files.list(archive)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .as("no temporary file left behind")
                    .containsExactlyInAnyOrder(".examhall-wal-archive", WAL + ".gz");
        }

        assertThat(archiveWal(archive, segment, "../escape").text()).contains("is not a WAL");

        // What recovery asks restore-wal.sh for: the file back as it was, and silence past the archive's end.
        Path restored = dir.resolve("RECOVERYXLOG");
        assertThat(script("restore-wal.sh", archive.toString(), WAL, restored.toString())
                        .exitCode())
                .isZero();
        assertThat(restored).hasContent("wal bytes");
        ServiceUser.Output beyond =
                script("restore-wal.sh", archive.toString(), "000000010000000000000008", restored.toString());
        assertThat(beyond.exitCode()).isEqualTo(1);
        assertThat(beyond.text()).isEmpty();
    }

    @Test
    void restoreNeverWritesIntoANonEmptyDataDirectory() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Files.createFile(archive.resolve(".examhall-wal-archive"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("PG_VERSION"), "15\n", StandardCharsets.UTF_8);

        ServiceUser.Output refused = script(
                "restore.sh",
                "--backup",
                dir.resolve("backups").toString(),
                "--archive-dir",
                archive.toString(),
                "--data-dir",
                data.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.text()).contains(data + " is not empty");
        assertThat(data.resolve("PG_VERSION")).hasContent("15");
    }

    @Test
    void aDamagedBackupIsReportedAndLeavesTheNewDataDirectoryEmptyToTryAgain() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Files.createFile(archive.resolve(".examhall-wal-archive"));
        Path backup = Files.createDirectories(dir.resolve("backups/base-20261206T020000Z"));
        Files.writeString(backup.resolve("backup-info"), "finished_at=2026-12-06T02:01:00Z\n", StandardCharsets.UTF_8);
        Files.createFile(backup.resolve("backup_manifest"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(backup.resolve("base.tar.gz")))) {
            out.write("not a tar".getBytes(StandardCharsets.UTF_8));
        }
        Files.copy(backup.resolve("base.tar.gz"), backup.resolve("pg_wal.tar.gz"));
        Path data = dir.resolve("restored");

        ServiceUser.Output damaged = script(
                "restore.sh",
                "--backup",
                dir.resolve("backups").toString(),
                "--archive-dir",
                archive.toString(),
                "--data-dir",
                data.toString(),
                // 04:00 UTC: after the backup finished, so it is the one chosen
                "--target-time",
                "2026-12-06 12:00:00+08");

        assertThat(damaged.exitCode()).isEqualTo(2);
        assertThat(damaged.text())
                .contains("restore: base-20261206T020000Z")
                .contains("base.tar.gz does not unpack: the backup is damaged");
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void restoreWantsATargetTimeWithItsZone() throws Exception {
        Files.createFile(dir.resolve(".examhall-wal-archive"));
        ServiceUser.Output refused = script(
                "restore.sh",
                "--backup",
                dir.toString(),
                "--archive-dir",
                dir.toString(),
                "--data-dir",
                dir.resolve("new").toString(),
                "--target-time",
                "2026-12-06 09:30:00");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.text()).contains("not a time with its zone");
    }

    @Test
    void baseBackupRefusesBadOptionsBeforeItConnects() throws Exception {
        assertThat(script("base-backup.sh", "--backup-dir", dir.toString(), "--keep", "0")
                        .text())
                .contains("--keep must be 1 or more");
        assertThat(script("base-backup.sh", "--backup-dir", dir.toString(), "--archive-dir", dir.toString())
                        .text())
                .contains("is not a WAL archive");
        ServiceUser.Output usage = script("base-backup.sh");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.text()).contains("Usage: base-backup.sh").contains("--backup-dir is required");
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private ServiceUser.Output archiveWal(Path archive, Path segment, String name) throws Exception {
        return script("archive-wal.sh", archive.toString(), segment.toString(), name);
    }

    private ServiceUser.Output script(String name, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = scripts.resolve(name).toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return ServiceUser.asBuildUser(TIMEOUT, command);
    }
}
