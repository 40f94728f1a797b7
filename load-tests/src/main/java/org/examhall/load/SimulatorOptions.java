package org.examhall.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The simulator's command line. Every option has a default that works against {@code ./examhall demo}. */
public final class SimulatorOptions {

    /** Terminals are spread round-robin over these; staff calls go to the first and fail over to the next. */
    public List<URI> urls = List.of(URI.create("http://127.0.0.1:8080"));
    /** The first --url replaces the default; later ones add to it. */
    private boolean urlsGiven;
    /** Nodes whose /metrics are scraped for the server's own latency; empty: every --url. */
    public List<URI> metricsUrls = List.of();
    /** Bearer token for /metrics when the simulator is not in the node's allowed address ranges. */
    public String metricsToken;
    /** A file another program appends {@code <epoch-millis> <label>} lines to while the run goes on. */
    public Path marksFile;
    /** Where report.json and report.html go; null: the report is printed only. */
    public Path reportDir;

    public int terminals = 100;
    public int durationSeconds = 60;
    public int answerIntervalMs = 2000;
    /** Each pause between two answer changes is the interval times a factor drawn from 1 ± jitter. */
    public double jitter = 0.5;

    public int heartbeatSeconds = 5;
    public String blueprint = "DEMO-ELEC-LV";
    /** Exam duration in minutes; null takes the blueprint's. */
    public Integer examMinutes;

    public String adminUser = "admin";
    public String adminPassword = "demo-admin-2026";
    public String adminTotpSecret;
    public List<String> proctors = List.of("proctor1", "proctor2");
    public String proctorPassword = "demo-proctor-2026";
    public List<String> proctorTotpSecrets = List.of();
    /**
     * Terminals per room (one session per room). The server allows 500, but the demo bank cannot issue
     * more than about 60–160 DEMO-ELEC-LV papers to one session within the blueprint's exposure rule
     * (at most 60 % shared between two papers), and one paper that cannot be drawn fails the whole
     * room's start; 50-seat rooms start reliably.
     */
    public int seatsPerRoom = 50;

    public int setupConcurrency = 16;
    /** RUNNING requests in flight at once in the start storm; 0 = every room at once. */
    public int startConcurrency = 0;

    public int eventLoops = 2;
    /** true: every terminal has its own keep-alive pool, as separate browsers do. */
    public boolean connectionPerTerminal = true;
    /**
     * The size of each terminal's pool. One, as the terminal page keeps: a heartbeat due while an
     * autosave is in flight waits for that connection, as it does in a browser held to one.
     */
    public int connectionsPerTerminal = 1;

    public int sharedPoolSize = 256;
    public int requestTimeoutSeconds = 30;
    /** How long an autosave (or paper, or submit) is retried after network errors and 5xx, same seq. */
    public int retryForSeconds = 60;
    /** Answer changes made while an autosave is in flight go together in the next request, at most this many. */
    public int maxStepsPerRequest = 50;

    public long seed = System.nanoTime();
    public boolean progress = true;
    public boolean submit = true;
    /**
     * false: the simulator gives every candidate an admission ticket number of its own. true: the server
     * draws them; it draws 4 random digits per session, so large sessions collide (409 CANDIDATE_EXISTS)
     * and the simulator retries such an add, counting each collision as an error.
     */
    public boolean serverTickets = false;

    public static String usage() {
        return """
        Usage: java -jar load-tests/target/examhall-load.jar [options]
          Simulates exam-room terminals against a running exam server: sets up rooms, sessions and
          candidates over the API, checks everyone in, starts the exam (start storm), answers with an
          autosave per change, heartbeats, submits, and checks that no acknowledged answer was lost.

          --url URL[,URL...]           server base URL(s); may be given more than once. Terminals are spread
                                       round-robin over them; staff calls use the first and fail over to
                                       the next on network errors and 5xx (default http://127.0.0.1:8080)
          --terminals N                simulated terminals = candidates (default 100; >= 25 per room)
          --duration-s S               answering time (default 60)
          --answer-interval-ms MS      mean pause between a terminal's answer changes (default 2000)
          --jitter F                   pause = interval x (1 ± F), uniformly (default 0.5)
          --heartbeat-s S              heartbeat period (default 5)
          --blueprint ID               blueprint of the sessions (default DEMO-ELEC-LV)
          --exam-minutes M             exam duration (default: the blueprint's)
          --admin-user U               bureau admin (default admin)
          --admin-password P           (default demo-admin-2026)
          --admin-totp-secret S        Base32 TOTP secret (not needed in demo mode)
          --proctors U1,U2             two proctors assigned to every session (default proctor1,proctor2)
          --proctor-password P         (default demo-proctor-2026)
          --proctor-totp-secrets S1,S2 their TOTP secrets (not needed in demo mode)
          --seats-per-room N           terminals per room = one session, 25..500 (default 50: the demo
                                       bank cannot draw many more DEMO-ELEC-LV papers for one session)
          --setup-concurrency N        parallel requests while setting up and verifying (default 16)
          --start-concurrency N        rooms started at once in the start storm (default 0 = all at once)
          --event-loops N              simulator event-loop threads (default 2)
          --connections-per-terminal N each terminal's own keep-alive pool, 1 or 2 (default 1, as the
                                       terminal page: a heartbeat waits behind an autosave in flight)
          --shared-pool N              all terminals share one keep-alive pool of N connections per URL
                                       (default: each terminal has its own pool)
          --request-timeout-s S        per request (default 30)
          --retry-for-s S              retry window for network errors and 5xx, same seq (default 60)
          --max-steps-per-request N    answer changes queued behind an in-flight autosave go together (default 50)
          --seed N                     random seed for answers and timing
          --no-submit                  leave the sittings answering at the end (no submit, no score check)
          --server-tickets             let the server draw admission ticket numbers (default: the simulator
                                       sends unique ones); collisions are retried and counted as errors
          --no-progress                no live progress line
          --metrics-url URL[,URL...]   nodes whose /metrics to scrape for the server's own autosave latency
                                       (default: every --url; name the nodes themselves behind a proxy)
          --metrics-token T            bearer token for /metrics (the server's EXAMHALL_METRICS_TOKEN);
                                       without it the node must allow the simulator's address (loopback does)
          --marks-file PATH            fault marks: lines "<epoch-millis> <label>" appended by another program
                                       during the run, read every 250 ms; the report shows per mark the p99
                                       during (30 s) and after, errors and retries after, and recovery time
          --report-dir DIR             also write DIR/report.json and a self-contained DIR/report.html
        Exit status: 0 when every session started and every sitting's stored answers equal the acknowledged
        ones, 1 on a mismatch, a missing score or a session that could not start, 2 on a usage error, 3 when
        the run could not be set up or completed.""";
    }

    public static SimulatorOptions parse(String... args) {
        SimulatorOptions o = new SimulatorOptions();
        List<String> list = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--no-progress" -> o.progress = false;
                case "--no-submit" -> o.submit = false;
                case "--server-tickets" -> o.serverTickets = true;
                case "-h", "--help" -> throw new UsageException(null);
                default -> {
                    if (value == null) {
                        if (i + 1 >= list.size()) {
                            throw new UsageException("missing value for " + name);
                        }
                        value = list.get(++i);
                    }
                    o.set(name, value);
                }
            }
        }
        return o.validate();
    }

    private void set(String name, String v) {
        switch (name) {
            case "--url" -> {
                urls = append(urlsGiven ? urls : List.of(), v);
                urlsGiven = true;
            }
            case "--metrics-url" -> metricsUrls = append(metricsUrls, v);
            case "--metrics-token" -> metricsToken = v;
            case "--marks-file" -> marksFile = Path.of(v);
            case "--report-dir" -> reportDir = Path.of(v);
            case "--connections-per-terminal" -> connectionsPerTerminal = integer(name, v);
            case "--terminals" -> terminals = integer(name, v);
            case "--duration-s" -> durationSeconds = integer(name, v);
            case "--answer-interval-ms" -> answerIntervalMs = integer(name, v);
            case "--jitter" -> jitter = Double.parseDouble(v);
            case "--heartbeat-s" -> heartbeatSeconds = integer(name, v);
            case "--blueprint" -> blueprint = v;
            case "--exam-minutes" -> examMinutes = integer(name, v);
            case "--admin-user" -> adminUser = v;
            case "--admin-password" -> adminPassword = v;
            case "--admin-totp-secret" -> adminTotpSecret = v;
            case "--proctors" -> proctors = List.of(v.split(","));
            case "--proctor-password" -> proctorPassword = v;
            case "--proctor-totp-secrets" -> proctorTotpSecrets = List.of(v.split(","));
            case "--seats-per-room" -> seatsPerRoom = integer(name, v);
            case "--setup-concurrency" -> setupConcurrency = integer(name, v);
            case "--start-concurrency" -> startConcurrency = integer(name, v);
            case "--event-loops" -> eventLoops = integer(name, v);
            case "--shared-pool" -> {
                connectionPerTerminal = false;
                sharedPoolSize = integer(name, v);
            }
            case "--request-timeout-s" -> requestTimeoutSeconds = integer(name, v);
            case "--retry-for-s" -> retryForSeconds = integer(name, v);
            case "--max-steps-per-request" -> maxStepsPerRequest = integer(name, v);
            case "--seed" -> seed = Long.parseLong(v);
            default -> throw new UsageException("unknown option " + name);
        }
    }

    public SimulatorOptions validate() {
        for (URI url : concat(urls, metricsUrls)) {
            require(
                    url.getHost() != null && url.getScheme() != null,
                    "--url must be like http://127.0.0.1:8080, got " + url);
        }
        require(
                connectionsPerTerminal == 1 || connectionsPerTerminal == 2,
                "--connections-per-terminal must be 1 or 2");
        require(
                seatsPerRoom >= 25 && seatsPerRoom <= 500,
                "--seats-per-room must be 25..500 (a room needs 25 terminals to be approved)");
        require(terminals >= 25, "--terminals must be at least 25 (a room needs 25 enrolled terminals)");
        int rooms = rooms();
        require(
                terminals / rooms >= 25,
                "--terminals " + terminals + " over " + rooms + " rooms leaves a room below 25 terminals");
        require(durationSeconds >= 1, "--duration-s must be at least 1");
        require(answerIntervalMs >= 1, "--answer-interval-ms must be at least 1");
        require(jitter >= 0 && jitter < 1, "--jitter must be in [0, 1)");
        require(heartbeatSeconds >= 1, "--heartbeat-s must be at least 1");
        require(proctors.size() >= 2, "--proctors needs two different proctors");
        require(examMinutes == null || examMinutes >= 10 && examMinutes <= 600, "--exam-minutes must be 10..600");
        require(
                setupConcurrency >= 1 && eventLoops >= 1 && sharedPoolSize >= 1,
                "concurrency options must be at least 1");
        require(startConcurrency >= 0, "--start-concurrency must be 0 (all at once) or more");
        require(maxStepsPerRequest >= 1 && maxStepsPerRequest <= 500, "--max-steps-per-request must be 1..500");
        require(requestTimeoutSeconds >= 1 && retryForSeconds >= 0, "timeouts must be positive");
        return this;
    }

    /** Rooms (one session each) needed for the terminals. */
    public int rooms() {
        return (terminals + seatsPerRoom - 1) / seatsPerRoom;
    }

    public String describe() {
        return String.format(
                Locale.ROOT,
                "%d terminals in %d room(s) of %s, %s, answer change every %d ms ± %d %%, %d s,"
                        + " heartbeat %d s, %s, %s",
                terminals,
                rooms(),
                blueprint,
                startConcurrency == 0
                        ? "all rooms started at once"
                        : "rooms started " + startConcurrency + " at a time",
                answerIntervalMs,
                Math.round(jitter * 100),
                durationSeconds,
                heartbeatSeconds,
                String.join(" ", urls.stream().map(URI::toString).toList()),
                connectionPerTerminal
                        ? connectionsPerTerminal + " keep-alive connection(s) per terminal"
                        : "one shared pool of " + sharedPoolSize + " per URL");
    }

    /** The nodes to scrape: --metrics-url, or every --url. */
    public List<URI> scrapedUrls() {
        return metricsUrls.isEmpty() ? urls : metricsUrls;
    }

    /** Adds comma-separated URLs, a trailing slash dropped. */
    private static List<URI> append(List<URI> to, String commaSeparated) {
        List<URI> out = new ArrayList<>(to);
        for (String part : commaSeparated.split(",")) {
            String v = part.trim();
            if (!v.isEmpty()) {
                out.add(URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v));
            }
        }
        return List.copyOf(out);
    }

    private static List<URI> concat(List<URI> a, List<URI> b) {
        List<URI> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static int integer(String name, String v) {
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, got " + v);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UsageException(message);
        }
    }

    /** A bad command line; a null message asks for the usage text only. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
