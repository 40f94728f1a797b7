package org.examhall.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.examhall.server.ExamServer;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.tools.demo.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against a real exam-server node started in this JVM (demo mode with the tools module's
 * demo data: the demo admin and proctors exist, the demo bank is loaded; embedded PostgreSQL in a fresh
 * directory under target/).
 * Thirty terminals answer for ten seconds; the run must have no error and lose no acknowledged
 * answer. It asserts behaviour, not speed.
 */
class TerminalSimulatorTest {

    private static ExamServer server;
    private static Path dataDir;

    @BeforeAll
    static void startServer() throws Exception {
        ExamhallConfig config = new ExamhallConfig();
        String id = UUID.randomUUID().toString().substring(0, 8);
        config.mode = ExamhallConfig.Mode.DEMO;
        dataDir = Path.of(System.getProperty("examhall.load.workdir", "target/load-test-work"), id);
        config.dataDir = dataDir.toString();
        config.http.host = "127.0.0.1";
        config.http.port = 0;
        config.database.embedded.port = freePort();
        config.cluster.name = "examhall-load-test-" + id;
        config.cluster.host = "127.0.0.1";
        config.cluster.port = freePort();
        config.security.kdfMemoryKiB = 8 * 1024;
        config.security.kdfIterations = 1;
        server = ExamServer.start(config, new DemoData()).await(3, TimeUnit.MINUTES);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.stop();
        }
        // The embedded database's files (some 80 MB) are of no use after the run.
        if (dataDir != null && Files.isDirectory(dataDir)) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void thirtyTerminalsAnswerAndNoAcknowledgedAnswerIsLost() {
        SimulatorOptions options = SimulatorOptions.parse(
                "--url",
                "http://127.0.0.1:" + server.httpPort(),
                // DEMO-ELEC-LV sessions fail to start now and then at 30 seats (the demo bank runs out of papers
                // within its exposure rule, see SimulatorOptions.seatsPerRoom); DEMO-WELD-FUSION never did below 53.
                "--blueprint",
                "DEMO-WELD-FUSION",
                "--terminals",
                "30",
                "--duration-s",
                "10",
                "--answer-interval-ms",
                "250",
                "--heartbeat-s",
                "2",
                "--seed",
                "20260501",
                "--no-progress");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        SimulationReport report = new TerminalSimulator(options, out).run();
        report.print(out);
        String printed = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(report.startFailures()).as(printed).isEmpty();
        assertThat(report.errorCount()).as(printed).isZero();
        assertThat(report.papersDelivered()).as(printed).isEqualTo(30);
        // 30 terminals, one change per 250 ms on average, for 10 s: about 1,200; far fewer means they stalled.
        assertThat(report.acked()).as(printed).isGreaterThan(600);
        assertThat(report.unresolvedSteps()).as(printed).isZero();
        assertThat(report.latency().count("heartbeat")).as(printed).isGreaterThanOrEqualTo(30 * 3);
        assertThat(report.submitted()).as(printed).isEqualTo(30);
        assertThat(report.verification().sittings()).isEqualTo(30);
        assertThat(report.verification().matched()).as(printed).isEqualTo(30);
        assertThat(report.verification().scored()).as(printed).isEqualTo(30);
        assertThat(report.noLostAnswer()).as(printed).isTrue();
        assertThat(printed).contains("no lost answer: 30/30 sittings match").contains("scores: 30/30");
    }

    /**
     * Every seventh autosave reaches the server and is stored, but its answer never comes back: the
     * connection is cut instead. The terminal must send the same steps again (same sequence numbers),
     * the server must call them duplicates, and still no acknowledged answer may be missing.
     */
    @Test
    void autosavesWhoseAnswerIsLostAreSentAgainWithTheSameSequenceAndNothingIsLost() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AtomicInteger autosaves = new AtomicInteger();
            HttpServer proxy = cuttingProxy(
                    vertx,
                    server.httpPort(),
                    request -> "/api/exam/answers".equals(request.path()) && autosaves.incrementAndGet() % 7 == 0);
            SimulatorOptions options = SimulatorOptions.parse(
                    "--url",
                    "http://127.0.0.1:" + proxy.actualPort(),
                    "--blueprint",
                    "DEMO-WELD-FUSION",
                    "--terminals",
                    "25",
                    "--duration-s",
                    "6",
                    "--answer-interval-ms",
                    "200",
                    "--seed",
                    "7",
                    "--no-progress");
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
            SimulationReport report = new TerminalSimulator(options, out).run();
            report.print(out);
            String printed = buffer.toString(StandardCharsets.UTF_8);
            System.out.println(printed);

            assertThat(report.startFailures()).as(printed).isEmpty();
            assertThat(report.retries()).as(printed).isGreaterThan(10);
            assertThat(report.duplicates())
                    .as("a resent step the server had stored comes back DUPLICATE\n" + printed)
                    .isGreaterThan(10);
            assertThat(report.latency().errors().keySet()).as(printed).allMatch(k -> k.startsWith("autosave NETWORK"));
            assertThat(report.unresolvedSteps()).as(printed).isZero();
            assertThat(report.verification().matched()).as(printed).isEqualTo(25);
            assertThat(report.noLostAnswer()).as(printed).isTrue();
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Two URLs, the second a proxy in front of the same node: the terminals are spread over both. A
     * fault mark appended to the marks file mid-run shows up in report.json with its recovery time, and
     * report.json and a self-contained report.html are written.
     */
    @Test
    void terminalsSpreadOverTwoUrlsAndAMarkAndTheReportsAreWritten(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Path marks = dir.resolve("marks.txt");
            Set<String> credentials = ConcurrentHashMap.newKeySet();
            AtomicInteger autosaves = new AtomicInteger();
            HttpServer proxy = proxy(
                    vertx,
                    server.httpPort(),
                    request -> {
                        String credential = request.getHeader(SimulatedTerminal.CREDENTIAL_HEADER);
                        if (credential != null) {
                            credentials.add(credential);
                        }
                        if ("/api/exam/answers".equals(request.path()) && autosaves.incrementAndGet() == 30) {
                            append(marks, System.currentTimeMillis() + " kill-node2\n");
                        }
                        return Future.succeededFuture();
                    },
                    request -> false);
            Path reports = dir.resolve("report");
            SimulatorOptions options = SimulatorOptions.parse(
                    "--url",
                    "http://127.0.0.1:" + server.httpPort() + ",http://127.0.0.1:" + proxy.actualPort(),
                    "--blueprint",
                    "DEMO-WELD-FUSION",
                    "--terminals",
                    "25",
                    "--duration-s",
                    "5",
                    "--answer-interval-ms",
                    "250",
                    "--heartbeat-s",
                    "1",
                    "--seed",
                    "11",
                    "--no-progress",
                    "--marks-file",
                    marks.toString(),
                    "--report-dir",
                    reports.toString());
            SimulationReport report = run(options);
            String printed = printed(report);

            assertThat(report.noLostAnswer()).as(printed).isTrue();
            assertThat(credentials)
                    .as("terminals that spoke through the second URL\n" + printed)
                    .hasSizeBetween(12, 13);
            JsonObject json = new JsonObject(Files.readString(reports.resolve("report.json")));
            assertThat(json.fieldNames())
                    .contains(
                            "terminals",
                            "sittings",
                            "matchedSittings",
                            "lostAnswers",
                            "retries",
                            "errors",
                            "operations",
                            "server",
                            "marks",
                            "timeline");
            assertThat(json.getInteger("terminals")).isEqualTo(25);
            assertThat(json.getInteger("sittings")).isEqualTo(25);
            assertThat(json.getInteger("matchedSittings")).isEqualTo(25);
            assertThat(json.getInteger("lostAnswers")).isZero();
            assertThat(json.getJsonObject("terminalsPerUrl").getMap().values()).containsExactlyInAnyOrder(13, 12);
            assertThat(json.getJsonObject("operations")
                            .getJsonObject("autosave")
                            .fieldNames())
                    .contains("count", "errors", "p50Ms", "p90Ms", "p99Ms", "maxMs");
            JsonObject serverAutosave = json.getJsonObject("server").getJsonObject("autosave");
            assertThat(serverAutosave.getLong("count"))
                    .as("the server's autosave histogram, scraped from both URLs (one node twice)")
                    .isGreaterThanOrEqualTo(report.acked());
            assertThat(serverAutosave.getDouble("p99Ms")).isPositive();
            JsonArray marked = json.getJsonArray("marks");
            assertThat(marked).as(printed).hasSize(1);
            JsonObject mark = marked.getJsonObject(0);
            assertThat(mark.getString("label")).isEqualTo("kill-node2");
            assertThat(mark.getLong("recoveryMs")).as(printed).isNotNull().isBetween(0L, 5_000L);
            assertThat(mark.fieldNames()).contains("atMs", "p99DuringMs", "p99AfterMs", "errorsAfter");
            assertThat(json.getJsonArray("timeline").stream()
                            .map(JsonObject.class::cast)
                            .map(r -> r.getString("op")))
                    .contains("autosave", "heartbeat", "server-autosave");
            assertThat(json.getJsonObject("simulator").getLong("peakOpenFiles")).isPositive();

            String html = Files.readString(reports.resolve("report.html"));
            assertThat(html)
                    .contains("const DATA = {\"")
                    .doesNotContain("/*REPORT_JSON*/")
                    .doesNotContainPattern("(src|href)=\"?https?:")
                    .doesNotContain("<link");
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The admin's session ends on the server (signed out through the API, as another console or a
     * restarted cluster would leave it) when the submit storm begins, with none of its calls in flight
     * (a request in flight when the session is deleted stores it again on its way out): reading the
     * answer sheets, the simulator signs in again and the no-lost-answer check still passes.
     */
    @Test
    void theStaffSessionSignsInAgainWhenTheServerNoLongerKnowsIt() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            WebClient client = WebClient.create(vertx);
            AtomicReference<MultiMap> adminHeaders = new AtomicReference<>();
            AtomicBoolean signingOut = new AtomicBoolean();
            AtomicInteger signedOut = new AtomicInteger();
            AtomicInteger signIns = new AtomicInteger();
            HttpServer proxy = proxy(
                    vertx,
                    server.httpPort(),
                    request -> {
                        if ("/api/auth/login".equals(request.path())) {
                            signIns.incrementAndGet();
                        }
                        if (request.path().endsWith("/candidates") && request.method() == HttpMethod.POST) {
                            adminHeaders.set(copy(request.headers()));
                        }
                        if ("/api/exam/submit".equals(request.path()) && signingOut.compareAndSet(false, true)) {
                            return client.post(server.httpPort(), "127.0.0.1", "/api/auth/logout")
                                    .putHeaders(adminHeaders.get())
                                    .putHeader("Content-Type", "application/json")
                                    .sendBuffer(Buffer.buffer("{}"))
                                    .map(response -> {
                                        signedOut.set(response.statusCode());
                                        return null;
                                    });
                        }
                        return Future.succeededFuture();
                    },
                    request -> false);
            SimulatorOptions options = SimulatorOptions.parse(
                    "--url",
                    "http://127.0.0.1:" + proxy.actualPort(),
                    "--blueprint",
                    "DEMO-WELD-FUSION",
                    "--terminals",
                    "25",
                    "--duration-s",
                    "2",
                    "--answer-interval-ms",
                    "500",
                    "--seed",
                    "3",
                    "--no-progress");
            SimulationReport report = run(options);
            String printed = printed(report);

            assertThat(signedOut.get())
                    .as("the admin's sign-out through the API")
                    .isEqualTo(204);
            assertThat(signIns.get())
                    .as("the admin and two proctors, then the admin once more")
                    .isEqualTo(4);
            assertThat(report.verification().sittings()).isEqualTo(25);
            assertThat(report.noLostAnswer()).as(printed).isTrue();
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** A staff call whose URL refuses the connection goes to the next one, and stays there. */
    @Test
    void staffCallsFailOverToTheNextUrl() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            StaffEndpoints endpoints = new StaffEndpoints(List.of(
                    Http.client(vertx, URI.create("http://127.0.0.1:" + freePort()), 2),
                    Http.client(vertx, URI.create("http://127.0.0.1:" + server.httpPort()), 2)));
            StaffSession admin = StaffSession.signIn(endpoints, "admin", "demo-admin-2026", null, 10_000)
                    .await(30, TimeUnit.SECONDS);
            assertThat(admin.get("/api/staff").await(30, TimeUnit.SECONDS).getJsonArray("staff"))
                    .isNotEmpty();
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static SimulationReport run(SimulatorOptions options) {
        return new TerminalSimulator(
                        options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run();
    }

    private static String printed(SimulationReport report) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        report.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String printed = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        return printed;
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "transfer-encoding", "content-length", "host");

    /** Forwards everything to the server; for requests {@code cut} picks, closes the connection instead of answering. */
    private static HttpServer cuttingProxy(Vertx vertx, int serverPort, Predicate<HttpServerRequest> cut) {
        return proxy(vertx, serverPort, request -> Future.succeededFuture(), cut);
    }

    /**
     * Forwards everything to the server once {@code first} is done with the request; for requests
     * {@code cut} picks, closes the connection instead of answering.
     */
    private static HttpServer proxy(
            Vertx vertx,
            int serverPort,
            Function<HttpServerRequest, Future<Void>> first,
            Predicate<HttpServerRequest> cut) {
        HttpClient client = vertx.createHttpClient();
        return vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    boolean drop = cut.test(request);
                    first.apply(request)
                            .compose(x -> client.request(new RequestOptions()
                                    .setMethod(request.method())
                                    .setHost("127.0.0.1")
                                    .setPort(serverPort)
                                    .setURI(request.uri())
                                    .setHeaders(copy(request.headers()))))
                            .compose(forward -> forward.send(body))
                            .compose(response -> response.body().map(answer -> {
                                if (drop) {
                                    request.connection().close();
                                } else {
                                    request.response().setStatusCode(response.statusCode());
                                    request.response().headers().addAll(copy(response.headers()));
                                    request.response().end(answer);
                                }
                                return null;
                            }))
                            .onFailure(
                                    e -> request.response().setStatusCode(502).end());
                }))
                .listen(0, "127.0.0.1")
                .await();
    }

    private static MultiMap copy(MultiMap headers) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        headers.forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                out.add(name, value);
            }
        });
        return out;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
