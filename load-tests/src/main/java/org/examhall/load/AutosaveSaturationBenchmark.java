package org.examhall.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Group commit against one transaction per row, on the same database in the same run: PostgreSQL's
 * own {@code pgbench} inserts one answer-shaped row per transaction from 16 clients, then the terminal
 * simulator saturates the exam server's autosave path, then pgbench runs again. The figure is the ratio
 * of acknowledged autosaves per second to the mean of the two pgbench rates (target at least 1.5: a
 * commit that many autosaves share should beat a commit each). Autosave requests per second are printed
 * beside it, since a terminal sends the changes made while one autosave is in flight together.
 *
 * <pre>
 * java -cp load-tests/target/examhall-load.jar org.examhall.load.AutosaveSaturationBenchmark \
 *      --db "host=127.0.0.1 port=8501 user=postgres dbname=postgres" [--pgbench-seconds 30] [--pgbench-clients 16] \
 *      -- --url http://127.0.0.1:8401 --terminals 1000 --answer-interval-ms 100 --duration-s 30 --blueprint DEMO-WELD-FUSION
 * </pre>
 * {@code pgbench} and {@code psql} come from Debian's {@code postgresql-client}.
 */
public final class AutosaveSaturationBenchmark {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final String TABLE = "examhall_bench_one_row_insert";

    private final String db;
    private final int seconds;
    private final int clients;
    private final PrintStream out;

    private AutosaveSaturationBenchmark(String db, int seconds, int clients, PrintStream out) {
        this.db = db;
        this.seconds = seconds;
        this.clients = clients;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int split = Arrays.asList(args).indexOf("--");
        if (split < 0) {
            System.err.println(
                    "usage: AutosaveSaturationBenchmark --db CONNINFO [--pgbench-seconds S] [--pgbench-clients N] -- SIMULATOR OPTIONS");
            System.exit(2);
        }
        String db = null;
        int seconds = 30;
        int clients = 16;
        for (int i = 0; i < split; i += 2) {
            switch (args[i]) {
                case "--db" -> db = args[i + 1];
                case "--pgbench-seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--pgbench-clients" -> clients = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (db == null) {
            throw new IllegalArgumentException(
                    "--db is required: the exam server's database, as a libpq conninfo string");
        }
        SimulatorOptions options = SimulatorOptions.parse(Arrays.copyOfRange(args, split + 1, args.length));
        new AutosaveSaturationBenchmark(db, seconds, clients, System.out).run(options);
        System.exit(0);
    }

    private void run(SimulatorOptions options) throws IOException, InterruptedException {
        psql("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (sitting_id bigint NOT NULL, seq int NOT NULL, item_no int NOT NULL,"
                + " labels text NOT NULL, saved_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (sitting_id, seq))");
        try {
            double before = pgbench();
            out.printf(
                    Locale.ROOT,
                    "pgbench before: %,.0f one-row insert transactions/s (%d clients, %d s)%n",
                    before,
                    clients,
                    seconds);
            SimulationReport report = new TerminalSimulator(options, out).run();
            report.print(out);
            double after = pgbench();
            out.printf(Locale.ROOT, "pgbench after:  %,.0f one-row insert transactions/s%n", after);
            double pgbench = (before + after) / 2;
            double autosaves = report.autosavesPerSecond();
            double requests = report.answerPhaseNanos() <= 0
                    ? 0
                    : report.autosaveRequests() * 1e9 / (report.answerPhaseNanos() + report.drainNanos());
            out.println();
            out.printf(
                    Locale.ROOT,
                    "== saturation: %,.0f acknowledged autosaves/s in %,.0f requests/s against pgbench's %,.0f one-row inserts/s%n",
                    autosaves,
                    requests,
                    pgbench);
            out.printf(
                    Locale.ROOT,
                    "   ratio autosaves / pgbench = %.2f (target >= 1.5); requests / pgbench = %.2f; no lost answer: %s%n",
                    autosaves / pgbench,
                    requests / pgbench,
                    report.noLostAnswer());
        } finally {
            psql("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    /** One run of pgbench; its rate without the connection set-up. */
    private double pgbench() throws IOException, InterruptedException {
        psql("TRUNCATE " + TABLE);
        Path script = Files.createTempFile("examhall-one-row-insert", ".sql");
        try {
            // One answer-shaped row per transaction, as an autosave without group commit would write it.
            Files.writeString(
                    script,
                    "\\set seq random(1, 2000000000)\n" + "INSERT INTO " + TABLE
                            + " (sitting_id, seq, item_no, labels) VALUES (:client_id, :seq, 1, 'AB') ON CONFLICT DO NOTHING;\n");
            String output = command(
                    "pgbench",
                    "-n",
                    "-c",
                    String.valueOf(clients),
                    "-j",
                    "2",
                    "-T",
                    String.valueOf(seconds),
                    "-f",
                    script.toString(),
                    db);
            Matcher tps = TPS.matcher(output);
            if (!tps.find()) {
                throw new IllegalStateException("pgbench printed no rate:\n" + output);
            }
            return Double.parseDouble(tps.group(1));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private void psql(String sql) throws IOException, InterruptedException {
        command("psql", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, db);
    }

    private static String command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
