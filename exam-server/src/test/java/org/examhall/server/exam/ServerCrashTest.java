package org.examhall.server.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.bank.BankStore;
import org.examhall.server.db.EmbeddedDatabase;
import org.examhall.server.db.SchemaMigrations;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kills the exam-server process (SIGKILL, no shutdown hook) in the middle of an exam and starts it
 * again on the same database, as a site's server would be after a power cut: every answer the
 * terminal had been told was saved is still there, and the candidate carries on where they were.
 */
class ServerCrashTest {

    private static EmbeddedDatabase database;
    private static Vertx vertx;
    private static Path config;
    private static int httpPort;

    @BeforeAll
    static void startDatabase() throws IOException {
        Path work =
                Path.of(System.getProperty("examhall.test.workdir", "target/test-work"), "crash-" + UUID.randomUUID());
        database = EmbeddedDatabase.start(work.resolve("pg"), TestServer.freePort());
        vertx = Vertx.vertx();
        httpPort = TestServer.freePort();
        seedDemoBank();
        var c = TestServer.newConfig();
        config = work.resolve("examhall.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        // Demo mode for its generated bureau keys and the face check by image similarity; keys,
                        // accounts and
                        // TOTP below are set up as in production.
                        "mode: demo",
                        "dataDir: " + work.resolve("node"),
                        "http: {host: 127.0.0.1, port: " + httpPort + "}",
                        "database: {url: \"postgresql://postgres@localhost:"
                                + database.endpoint().port() + "/postgres\"}",
                        "cluster: {name: " + c.cluster.name + ", host: 127.0.0.1, port: " + c.cluster.port + "}",
                        "security: {dataKey: " + c.security.dataKey + ", indexKey: " + c.security.indexKey
                                + ", kdfMemoryKiB: 8192, kdfIterations: 1}",
                        ""));
    }

    /** The server jar's node seeds no bank: the demo bank the test schedules from goes into the database first. */
    private static void seedDemoBank() {
        SchemaMigrations.migrate(database.endpoint());
        Pool pool = PgBuilder.pool()
                .connectingTo(database.endpoint().connectOptions())
                .using(vertx)
                .build();
        try {
            AuditLog audit = new AuditLog(pool);
            BankStore store = new BankStore(vertx, pool, audit);
            TestServer.await(store.start());
            TestServer.seedDemoBank(store, audit);
        } finally {
            TestServer.await(pool.close());
        }
    }

    @AfterAll
    static void stopDatabase() {
        if (vertx != null) {
            vertx.close().await();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void noAcknowledgedAnswerIsLostWhenTheServerProcessIsKilled() throws Exception {
        Process node = startNode();
        try {
            Map<String, String> admin = staffAdd("admin-" + suffix(), "BUREAU_ADMIN");
            Map<String, String> p1 = staffAdd("proctor-a-" + suffix(), "PROCTOR");
            Map<String, String> p2 = staffAdd("proctor-b-" + suffix(), "PROCTOR");
            ApiClient adminClient = client().signedIn(admin.get("username"), admin.get("password"), admin.get("totp"));
            ExamRoom room = ExamRoom.create(ServerCrashTest::client, adminClient, staff(p1), staff(p2), 25);
            long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
            ExamRoom.Candidate candidate = room.addCandidate(sessionId, "陈静", Photos.person(21, 0));
            room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
            JsonObject found = ok(
                    room.proctor1
                            .client()
                            .post(
                                    "/api/sessions/" + sessionId + "/checkin/identify",
                                    new JsonObject().put("idNumber", candidate.idNumber())),
                    200);
            ok(
                    room.proctor1
                            .client()
                            .post(
                                    "/api/sittings/" + candidate.sittingId() + "/face",
                                    new JsonObject()
                                            .put("photo", Base64.getEncoder().encodeToString(Photos.person(21, 8)))),
                    200);
            room.moveTo(sessionId, "RUNNING", room.proctor1.client());
            int seat = found.getInteger("seatNo");
            String credential = room.terminalAtSeat(seat).credential();
            ApiClient terminal = room.terminalClient(seat);
            terminal.withHeader(
                    TerminalRoutes.TOKEN_HEADER,
                    ok(
                                    terminal.post(
                                            "/api/terminal/confirm",
                                            new JsonObject().put("ticketNo", candidate.ticketNo())),
                                    200)
                            .getString("candidateToken"));
            String token = ok(terminal.get("/api/exam/paper"), 200).getString("candidateToken");

            // Autosaves go on from a second thread up to the moment of the kill; only acknowledged ones count.
            Map<Integer, String> acknowledged = new HashMap<>();
            Thread answering = new Thread(() -> answerUntilRefused(credential, token, acknowledged), "terminal");
            answering.start();
            long until = System.currentTimeMillis() + 10_000;
            while (acknowledged.size() < 30 && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            answering.join(30_000);
            Map<Integer, String> expected;
            synchronized (acknowledged) {
                expected = new HashMap<>(acknowledged);
            }
            assertThat(expected).hasSizeGreaterThanOrEqualTo(30);

            node = startNode();
            ApiClient resumed = client().withHeader("X-Terminal-Credential", credential)
                    .withHeader(TerminalRoutes.TOKEN_HEADER, token);
            JsonObject paper = ok(resumed.get("/api/exam/paper"), 200);
            JsonObject answers = paper.getJsonObject("answers");
            int lastSeq = paper.getInteger("lastSeq");
            // Every acknowledged step is there; a step in flight at the kill may also be (stored, ack lost).
            for (Map.Entry<Integer, String> entry : expected.entrySet()) {
                int item = (entry.getKey() - 1) % 50 + 1;
                if (entry.getKey() > lastSeq) {
                    throw new AssertionError("acknowledged seq " + entry.getKey()
                            + " is missing after the restart (last stored " + lastSeq + ")");
                }
                if (entry.getKey() + 50 > lastSeq) {
                    assertThat(answers.getString(Integer.toString(item)))
                            .as("item %d after restart", item)
                            .isEqualTo(entry.getValue());
                }
            }
            JsonObject more = ok(
                    resumed.post(
                            "/api/exam/answers",
                            new JsonObject()
                                    .put(
                                            "steps",
                                            new JsonArray()
                                                    .add(new JsonObject()
                                                            .put("seq", lastSeq + 1)
                                                            .put("item", 1)
                                                            .put("labels", "B")))),
                    200);
            assertThat(more.getJsonArray("results").getJsonObject(0).getString("outcome"))
                    .isEqualTo("STORED");
            assertThat(ok(resumed.post("/api/exam/submit", new JsonObject()), 200)
                            .getBoolean("submitted"))
                    .isTrue();
        } finally {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Answers item (seq-1)%50+1 with a label that depends on seq, one request per step, until the server is gone. */
    private static void answerUntilRefused(String credential, String token, Map<Integer, String> acknowledged) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int seq = 1; seq < 10_000; seq++) {
            String labels = List.of("A", "B", "C", "D").get(seq % 4);
            int item = (seq - 1) % 50 + 1;
            if (item <= 30) {
                labels = seq % 2 == 0 ? "A" : "B";
            }
            String body = new JsonObject()
                    .put(
                            "steps",
                            new JsonArray()
                                    .add(new JsonObject()
                                            .put("seq", seq)
                                            .put("item", item)
                                            .put("labels", labels)))
                    .encode();
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/exam/answers"))
                                .header("Content-Type", "application/json")
                                .header("X-Terminal-Credential", credential)
                                .header(TerminalRoutes.TOKEN_HEADER, token)
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return;
                }
                synchronized (acknowledged) {
                    acknowledged.put(seq, labels);
                }
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private static Process startNode() throws Exception {
        Process process = new ProcessBuilder(
                        java(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.examhall.server.cli.Main",
                        "server",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(config.resolveSibling("node-" + System.nanoTime() + ".log")
                        .toFile())
                .start();
        long until = System.currentTimeMillis() + 120_000;
        HttpClient http = HttpClient.newHttpClient();
        while (System.currentTimeMillis() < until) {
            assertThat(process.isAlive()).as("exam-server process is running").isTrue();
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return process;
                }
            } catch (IOException e) {
                Thread.sleep(300);
            }
        }
        throw new AssertionError("exam-server did not come up in 120 s");
    }

    /** The first accounts of a production node are made with the command-line tool, as the README says. */
    private static Map<String, String> staffAdd(String username, String role) throws Exception {
        Process process = new ProcessBuilder(
                        java(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.examhall.server.cli.Main",
                        "staff-add",
                        "--config",
                        config.toString(),
                        "--username",
                        username,
                        "--role",
                        role)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        Map<String, String> account = new HashMap<>();
        account.put("username", username);
        account.put("password", find(output, "initial password: (\\S+)"));
        account.put("totp", find(output, "TOTP secret:\\s+(\\S+)"));
        account.put("id", find(output, "\\(id (\\d+)\\)"));
        return account;
    }

    private static ExamRoom.Staff staff(Map<String, String> account) {
        return new ExamRoom.Staff(
                Long.parseLong(account.get("id")),
                account.get("username"),
                client().signedIn(account.get("username"), account.get("password"), account.get("totp")));
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static ApiClient client() {
        return new ApiClient(vertx, httpPort);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
