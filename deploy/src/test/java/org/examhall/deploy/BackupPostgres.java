package org.examhall.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL run from a temporary directory as the service user, laid out as Debian lays out a
 * cluster (the configuration in {@code etc/}, apart from the data), with WAL archiving configured by
 * {@code deploy/postgresql/configure-archiving.sh} as a province configures it; or a server that
 * {@code restore.sh} started, to query and stop.
 */
final class BackupPostgres {

    static final String USER = "examhall";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path data;
    private final int port;

    private BackupPostgres(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    /** initdb, archiving through the scripts into {@code archive}, then start. */
    static BackupPostgres start(Path scripts, Path runDir, Path archive, int port) throws Exception {
        Path data = runDir.resolve("data");
        check(ServiceUser.asService(
                COMMAND_TIMEOUT,
                bin("initdb"),
                "-D",
                data.toString(),
                "-U",
                USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8"));
        // Debian's layout: the configuration in a directory of its own (/etc/postgresql/15/main), with a
        // conf.d that postgresql.conf includes, and none of it in the data directory a base backup copies.
        Path config = runDir.resolve("etc");
        Path confDir = config.resolve("conf.d");
        ServiceUser.own(config);
        ServiceUser.own(confDir);
        for (String file : List.of("postgresql.conf", "pg_hba.conf", "pg_ident.conf")) {
            Files.move(data.resolve(file), config.resolve(file));
        }
        Files.writeString(
                config.resolve("postgresql.conf"),
                "data_directory = '" + data + "'\n"
                        + "hba_file = '" + config.resolve("pg_hba.conf") + "'\n"
                        + "ident_file = '" + config.resolve("pg_ident.conf") + "'\n"
                        + "include_dir = 'conf.d'\n"
                        + "listen_addresses = '127.0.0.1'\n"
                        + "port = " + port + "\n"
                        + "unix_socket_directories = '" + runDir + "'\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        check(ServiceUser.asService(
                COMMAND_TIMEOUT,
                scripts.resolve("configure-archiving.sh").toString(),
                "--conf-dir",
                confDir.toString(),
                "--archive-dir",
                archive.toString()));
        BackupPostgres postgres = new BackupPostgres(data, port);
        check(ServiceUser.asService(
                COMMAND_TIMEOUT,
                bin("pg_ctl"),
                "-D",
                data.toString(),
                "-o",
                "-c config_file=" + config.resolve("postgresql.conf"),
                "-l",
                runDir.resolve("postgres.log").toString(),
                "-w",
                "start"));
        return postgres;
    }

    /** A server someone else started on {@code data}, listening on {@code port}. */
    static BackupPostgres running(Path data, int port) {
        return new BackupPostgres(data, port);
    }

    int port() {
        return port;
    }

    String url() {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/postgres";
    }

    /** The rows of one statement, unaligned: columns split by '|', one row a line. */
    String query(String sql) throws Exception {
        return check(ServiceUser.asBuildUser(
                        COMMAND_TIMEOUT,
                        bin("psql"),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(port),
                        "-U",
                        USER,
                        "-d",
                        "postgres",
                        "-X",
                        "-A",
                        "-t",
                        "-q",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-c",
                        sql))
                .strip();
    }

    /**
     * Closes the current WAL file and waits until it is in the archive, as an operator does before a
     * planned restore: otherwise the newest changes wait up to archive_timeout for it.
     */
    void switchWalAndAwaitArchived() throws Exception {
        String closed = query("SELECT pg_walfile_name(pg_switch_wal())");
        long deadline = System.currentTimeMillis() + 60_000;
        while (query("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
                        .compareTo(closed)
                < 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "WAL file " + closed + " was not archived within 60 s: " + query("TABLE pg_stat_archiver"));
            }
            Thread.sleep(100);
        }
    }

    void stop() throws Exception {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            check(ServiceUser.asService(
                    COMMAND_TIMEOUT, bin("pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        }
    }

    /** The newest PostgreSQL Debian installed, as the scripts find it. */
    static String bin(String program) throws IOException {
        Path installed = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(installed)) {
            throw new IllegalStateException("no PostgreSQL under " + installed + " (apt-get install postgresql)");
        }
        try (Stream<Path> versions = Files.list(installed)) {
            return versions.map(version -> version.resolve("bin").resolve(program))
                    .filter(Files::isExecutable)
                    .max(Comparator.comparingInt(path -> Integer.parseInt(
                            path.getParent().getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException(
                            program + " not found under /usr/lib/postgresql (apt-get install postgresql)"))
                    .toString();
        }
    }

    static String check(ServiceUser.Output output) {
        if (output.exitCode() != 0) {
            throw new IllegalStateException("exit code " + output.exitCode() + ":\n" + output.text());
        }
        return output.text();
    }
}
