package org.examhall.tools.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.exam.TerminalRoutes;
import org.examhall.server.province.Receipt;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.examhall.tools.provincesim.ProvinceSimulator;

/**
 * A node wired to an in-process province simulator on a free port, with a bureau key pair of its
 * own and short timeouts and backoff, plus the steps that take a session to SCORED over HTTP and the
 * checks every fault test ends with: one stored package per sitting, every signature good.
 */
public final class ProvinceFixture implements AutoCloseable {

    private static final AtomicInteger FACES = new AtomicInteger(5000);

    public final ExamhallConfig config;
    public final Path simulatorDir;
    public final Path bureauPublicFile;
    public final PublicKey bureauPublic;
    private int simulatorPort;
    public ProvinceSimulator simulator;
    public TestServer server;

    private ProvinceFixture(ExamhallConfig config, Path simulatorDir, Path bureauPublicFile, PublicKey bureauPublic) {
        this.config = config;
        this.simulatorDir = simulatorDir;
        this.bureauPublicFile = bureauPublicFile;
        this.bureauPublic = bureauPublic;
    }

    /** Keys, simulator and configuration; the node is started by {@link #startNode}. */
    public static ProvinceFixture prepare(int requestTimeoutMs) {
        ExamhallConfig config = TestServer.newConfig();
        Path data = Path.of(config.dataDir).toAbsolutePath();
        Path keys = data.resolve("province-keys");
        KeyPair bureau;
        try {
            bureau = Sm2.loadOrCreate(keys.resolve("bureau-key.pem"), keys.resolve("bureau-public.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProvinceFixture fixture = new ProvinceFixture(
                config, data.resolve("province-sim"), keys.resolve("bureau-public.pem"), bureau.getPublic());
        fixture.startSimulator();
        ExamhallConfig.Province province = config.province;
        province.platformUrl = fixture.simulator.url();
        province.bureauId = "320100-test";
        province.bureauName = "测试市应急管理局";
        province.bureauKeyFile = keys.resolve("bureau-key.pem").toString();
        province.bureauPublicKeyFile = keys.resolve("bureau-public.pem").toString();
        province.platformPublicKeyFile =
                fixture.simulatorDir.resolve("platform-public.pem").toString();
        province.connectTimeoutMs = 300;
        province.requestTimeoutMs = requestTimeoutMs;
        province.pollIntervalMs = 200;
        province.retry.initialDelayMs = 200;
        province.retry.maxDelayMs = 800;
        return fixture;
    }

    public static ProvinceFixture start(int requestTimeoutMs) {
        ProvinceFixture fixture = prepare(requestTimeoutMs);
        fixture.startNode(true);
        return fixture;
    }

    public TestServer startNode(boolean seedBank) {
        config.http.port = TestServer.freePort();
        config.cluster.port = TestServer.freePort();
        server = TestServer.start(config);
        if (seedBank) {
            TestServer.seedDemoBank(server.server());
        }
        return server;
    }

    /** (Re)starts the simulator on the port it had before, over the same data directory. */
    public void startSimulator() {
        simulator = ProvinceSimulator.start(
                new ProvinceSimulator.Options("127.0.0.1", simulatorPort, simulatorDir, List.of(bureauPublicFile)));
        simulatorPort = simulator.port();
    }

    public void stopSimulator() {
        simulator.close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        simulator.close();
    }

    // ---- a session taken to SCORED over HTTP ----

    public record Sitting(long sittingId, String fullName, String idNumber) {}

    /** A fresh room, a scheduled ELEC-LV session, and its candidates (each with an enrolled photo). */
    public static final class Session {
        public final ExamRoom room;
        public final long id;
        public final List<Sitting> sittings = new ArrayList<>();
        public final Map<Long, Long> faces = new HashMap<>();

        Session(ExamRoom room, long id) {
            this.room = room;
            this.id = id;
        }

        public Sitting add(String name) {
            long face = FACES.incrementAndGet();
            ExamRoom.Candidate c = room.addCandidate(id, name, Photos.person(face, 0));
            Sitting sitting = new Sitting(c.sittingId(), name, c.idNumber());
            sittings.add(sitting);
            faces.put(c.sittingId(), face);
            return sitting;
        }

        public void checkIn(Sitting sitting) {
            JsonObject admitted = ok(
                    room.proctor1
                            .client()
                            .post(
                                    "/api/sittings/" + sitting.sittingId() + "/face",
                                    photo(Photos.person(faces.get(sitting.sittingId()), 12))),
                    200);
            assertThat(admitted.getBoolean("checkedIn")).as(admitted.encode()).isTrue();
        }

        /** Three failed face comparisons, then two proctors admit the candidate as doubtful. */
        public void checkInDoubtful(Sitting sitting) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                ok(
                        room.proctor1
                                .client()
                                .post(
                                        "/api/sittings/" + sitting.sittingId() + "/face",
                                        photo(Photos.person(900_000 + FACES.incrementAndGet(), 0))),
                        200);
            }
            ok(
                    room.proctor1.client().post("/api/sittings/" + sitting.sittingId() + "/doubtful", new JsonObject()),
                    200);
            assertThat(ok(
                                    room.proctor2
                                            .client()
                                            .post(
                                                    "/api/sittings/" + sitting.sittingId() + "/doubtful",
                                                    new JsonObject()),
                                    200)
                            .getBoolean("doubtful"))
                    .isTrue();
        }

        private static JsonObject photo(byte[] bytes) {
            return new JsonObject().put("photo", Base64.getEncoder().encodeToString(bytes));
        }
    }

    public Session newSession() {
        ExamRoom room = ExamRoom.create(server, 25);
        return new Session(room, room.scheduleSession("DEMO-ELEC-LV", null, false));
    }

    /** Schedules, adds {@code present} candidates who check in and {@code absent} who never come, and scores. */
    public Session scoredSession(int present, int absent) {
        Session session = newSession();
        List<Sitting> coming = new ArrayList<>();
        for (int i = 0; i < present; i++) {
            coming.add(session.add("到考" + (i + 1)));
        }
        for (int i = 0; i < absent; i++) {
            session.add("缺考" + (i + 1));
        }
        session.room.moveTo(session.id, "CHECK_IN", session.room.proctor1.client());
        coming.forEach(session::checkIn);
        session.room.moveTo(session.id, "RUNNING", session.room.proctor1.client());
        handInAndScore(session);
        return session;
    }

    /** The server hands everyone in at a deadline moved into the past; then close, two signatures, SCORED. */
    public void handInAndScore(Session session) {
        TestServer.await(server.server()
                .pool()
                .preparedQuery(
                        "UPDATE sitting SET deadline = now() - interval '3 seconds' WHERE session_id = $1 AND status = 'ANSWERING'")
                .execute(Tuple.of(session.id)));
        eventually(
                Duration.ofSeconds(20),
                () -> count(
                                "SELECT count(*) AS n FROM sitting WHERE session_id = $1 AND status IN "
                                        + "('ANSWERING', 'PAUSED')",
                                session.id)
                        == 0,
                "every sitting handed in");
        ExamRoom room = session.room;
        room.moveTo(session.id, "CLOSED", room.proctor1.client());
        ok(room.proctor1.client().post("/api/sessions/" + session.id + "/room-record/sign", new JsonObject()), 200);
        ok(room.proctor2.client().post("/api/sessions/" + session.id + "/room-record/sign", new JsonObject()), 200);
        room.moveTo(session.id, "SCORED", room.admin);
    }

    // ---- a session where one candidate answered, for corrections ----

    /** A scored session: one candidate answered every item as keyed, one answered nothing, one never came. */
    public record Published(Session session, Sitting answered, Sitting blank, Sitting absent) {}

    /** {@link Published}, and when {@code publish} its results published and delivered. */
    public Published answeredSession(boolean publish) {
        Session session = newSession();
        Sitting answered = session.add("陈刚");
        Sitting blank = session.add("刘洋");
        Sitting absent = session.add("周敏");
        ExamRoom room = session.room;
        room.moveTo(session.id, "CHECK_IN", room.proctor1.client());
        session.checkIn(answered);
        session.checkIn(blank);
        ApiClient terminal = confirmedTerminal(session, answered);
        room.moveTo(session.id, "RUNNING", room.proctor1.client());
        terminal = terminal.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(terminal.get("/api/exam/paper"), 200).getString("candidateToken"));
        ExamRoom.answerCorrectly(room.admin, terminal, answered.sittingId());
        ok(terminal.post("/api/exam/submit", new JsonObject()), 200);
        handInAndScore(session);
        if (publish) {
            publish(session);
            awaitAllDelivered(session.id, Duration.ofSeconds(20));
        }
        return new Published(session, answered, blank, absent);
    }

    /** The terminal at the checked-in candidate's seat, confirmed with the ticket (before the session runs). */
    public ApiClient confirmedTerminal(Session session, Sitting sitting) {
        Row seat = TestServer.await(server.server()
                        .pool()
                        .preparedQuery("SELECT seat_no, ticket_no FROM sitting WHERE id = $1")
                        .execute(Tuple.of(sitting.sittingId())))
                .iterator()
                .next();
        return session.room.confirmedTerminal(seat.getInteger("seat_no"), seat.getString("ticket_no"));
    }

    public JsonObject publish(Session session) {
        return ok(session.room.admin.post("/api/sessions/" + session.id + "/publish", new JsonObject()), 200);
    }

    // ---- what the outbox and the simulator hold ----

    public List<JsonObject> outbox(long sessionId) {
        List<JsonObject> out = new ArrayList<>();
        for (Row r : TestServer.await(server.server().pool().preparedQuery("""
            SELECT id, sitting_id, idempotency_key, status, attempts, last_error, receipt_received_at, receipt_signature,
                   receipt_duplicate FROM province_outbox WHERE session_id = $1 ORDER BY id""").execute(Tuple.of(sessionId)))) {
            out.add(new JsonObject()
                    .put("id", r.getLong("id"))
                    .put("sittingId", r.getLong("sitting_id"))
                    .put("key", r.getString("idempotency_key"))
                    .put("status", r.getString("status"))
                    .put("attempts", r.getInteger("attempts"))
                    .put("lastError", r.getString("last_error"))
                    .put("receivedAt", r.getString("receipt_received_at"))
                    .put("receiptSignature", r.getString("receipt_signature"))
                    .put("duplicate", r.getBoolean("receipt_duplicate")));
        }
        return out;
    }

    public void awaitAllDelivered(long sessionId, Duration within) {
        awaitEvery(sessionId, within, r -> "DELIVERED".equals(r.getString("status")), "delivered");
    }

    /** Waits until every outbox row of the session is as {@code condition} says (rows as {@link #outbox} gives them). */
    public void awaitEvery(long sessionId, Duration within, Predicate<JsonObject> condition, String what) {
        eventually(
                within,
                () -> {
                    List<JsonObject> rows = outbox(sessionId);
                    return !rows.isEmpty() && rows.stream().allMatch(condition);
                },
                () -> "every package of session " + sessionId + ": " + what + "; outbox: " + outbox(sessionId));
    }

    /** A row whose last attempt failed with this error code (or text). */
    public static Predicate<JsonObject> lastError(String code) {
        return r -> r.getString("lastError") != null && r.getString("lastError").contains(code);
    }

    /** The simulator's stored envelopes by idempotency key; fails if any key is stored twice. */
    public Map<String, JsonObject> stored() {
        Map<String, JsonObject> byKey = new HashMap<>();
        for (JsonObject p : simulator.packages()) {
            assertThat(byKey.put(p.getString("idempotencyKey"), p.getJsonObject("envelope")))
                    .as("stored twice")
                    .isNull();
        }
        assertThat(simulator.linesOnDisk()).as("lines in packages.jsonl").isEqualTo(byKey.size());
        return byKey;
    }

    /**
     * Every sitting of the session has exactly one package at the simulator, delivered and receipted;
     * every package signature verifies with the bureau's public key, every receipt with the platform's.
     */
    public void assertExactlyOnceAndSigned(Session session) {
        List<JsonObject> rows = outbox(session.id);
        assertThat(rows).hasSize(session.sittings.size());
        Map<String, JsonObject> stored = stored();
        Map<Long, Sitting> bySitting = new HashMap<>();
        session.sittings.forEach(s -> bySitting.put(s.sittingId(), s));
        for (JsonObject row : rows) {
            assertThat(row.getString("status")).as(row.encode()).isEqualTo("DELIVERED");
            JsonObject pkg = verifiedPackage(row, stored);
            assertThat(pkg.getLong("sittingId")).isEqualTo(row.getLong("sittingId"));
            assertThat(pkg.getJsonObject("candidate").getString("idNumber"))
                    .isEqualTo(bySitting.get(row.getLong("sittingId")).idNumber());
        }
    }

    /** Everything a refused correction (or a dry run) must leave as it was: the session's sittings, packages, corrections, audit entries. */
    public String snapshot(long sessionId) {
        StringBuilder out = new StringBuilder();
        for (Row r : TestServer.await(server.server().pool().preparedQuery("""
            SELECT t.id, t.status, t.score, t.passed, md5(coalesce(t.paper, '')) AS paper,
                   (SELECT count(*) FROM province_outbox o WHERE o.sitting_id = t.id) AS packages,
                   (SELECT count(*) FROM result_correction c WHERE c.sitting_id = t.id) AS corrections
              FROM sitting t WHERE t.session_id = $1 ORDER BY t.id""").execute(Tuple.of(sessionId)))) {
            out.append(r.getLong("id"))
                    .append(r.getString("status"))
                    .append(r.getBigDecimal("score"))
                    .append(r.getBoolean("passed"))
                    .append(r.getString("paper"))
                    .append(r.getLong("packages"))
                    .append(r.getLong("corrections"))
                    .append('\n');
        }
        out.append(count(
                "SELECT count(*) AS n FROM audit_trail WHERE action IN ('sitting.result_corrected', 'session.results_corrected') "
                        + "AND $1 > 0",
                sessionId));
        return out.toString();
    }

    /**
     * The package an outbox row put at the simulator, once its storage, package signature (bureau key)
     * and receipt signature (platform key) are checked.
     */
    public JsonObject verifiedPackage(JsonObject row, Map<String, JsonObject> stored) {
        JsonObject envelope = stored.get(row.getString("key"));
        assertThat(envelope).as("stored once at the simulator: " + row.encode()).isNotNull();
        assertThat(Sm2.verify(bureauPublic, envelope.getString("package"), envelope.getString("signature")))
                .as("package signature of " + row.getString("key"))
                .isTrue();
        Receipt receipt = new Receipt(
                row.getString("key"),
                row.getString("receivedAt"),
                Boolean.TRUE.equals(row.getBoolean("duplicate")),
                row.getString("receiptSignature"));
        assertThat(receipt.problem(row.getString("key"), simulator.platformPublicKey()))
                .as("receipt of " + row.getString("key"))
                .isNull();
        return new JsonObject(envelope.getString("package"));
    }

    public long count(String sql, long sessionId) {
        return TestServer.await(server.server().pool().preparedQuery(sql).execute(Tuple.of(sessionId)))
                .iterator()
                .next()
                .getLong("n");
    }

    public static void eventually(Duration within, BooleanSupplier condition, String description) {
        eventually(within, condition, () -> description);
    }

    public static void eventually(Duration within, BooleanSupplier condition, Supplier<String> description) {
        Instant until = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within " + within + ": " + description.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
