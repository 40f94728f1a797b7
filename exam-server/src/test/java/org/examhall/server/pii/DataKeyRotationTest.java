package org.examhall.server.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.util.encoders.Hex;
import org.examhall.protocol.crypto.Sm4Cipher;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.cli.DataKeyStatusCommand;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.crypto.KeyMaterial;
import org.examhall.server.db.EmbeddedDatabase;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the SM4 data key on a running node and a real PostgreSQL (docs/keys.md): personal data
 * written under key A (ID numbers, photos, TOTP secrets, and one ID number stored by the code before key
 * ids) is unreadable but clearly flagged on a node given only key B, readable on a node with B current
 * and A previous, where new writes use B and the background job moves everything to B while reads and
 * writes go on (one value written meanwhile is left as written), one node of a cluster at a time; then a
 * node with only B reads it all.
 */
class DataKeyRotationTest {

    private static final String PASSWORD = "rotation-pass-123";
    private static final Pattern VALUES = Pattern.compile("examhall_pii_values\\{key=\"(\\w+)\"[^}]*} ([0-9.E]+)");

    @TempDir
    Path dir;

    private static EmbeddedDatabase database;
    private static Vertx vertx;
    /** The test's own connections to the nodes' database. */
    private static Pool testPool;

    /** A database of the test's own, outside the nodes: it stays up while they restart with other keys. */
    @BeforeAll
    static void startDatabase() {
        Path work =
                Path.of(System.getProperty("examhall.test.workdir", "target/test-work"), "keyrot-" + UUID.randomUUID());
        database = EmbeddedDatabase.start(work.resolve("pg"), TestServer.freePort());
        vertx = Vertx.vertx();
        testPool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(3))
                .connectingTo(database.endpoint().connectOptions())
                .using(vertx)
                .build();
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

    private record Account(String username, String totpSecret) {}

    @Test
    void theDataKeyRotatesWhileTheNodeServes() throws Exception {
        ExamhallConfig config = TestServer.newConfig();
        config.database.url =
                "postgresql://postgres@localhost:" + database.endpoint().port() + "/postgres";
        String keyA = config.security.dataKey;
        String keyB = randomKey();
        byte[] headerA = new DataKeyRing(Hex.decode(keyA), List.of()).currentHeader();
        byte[] headerB = new DataKeyRing(Hex.decode(keyB), List.of()).currentHeader();
        config.security.reencryptBatch = 2;
        config.security.reencryptIntervalMs = 200;

        // Key A: staff with TOTP secrets, candidates with photos, persons, and one ID number as stored before key ids.
        List<String> persons = new ArrayList<>();
        List<ExamRoom.Candidate> candidates = new ArrayList<>();
        Account admin;
        Account proctor1;
        Account proctor2;
        long sessionId;
        try (TestServer node = TestServer.start(config)) {
            TestServer.seedDemoBank(node.server());
            admin = account(node, Role.BUREAU_ADMIN);
            proctor1 = account(node, Role.PROCTOR);
            proctor2 = account(node, Role.PROCTOR);
            ApiClient adminClient = signIn(node, admin, Instant.now());
            ExamRoom room = ExamRoom.create(
                    node::client,
                    adminClient,
                    staff(node, proctor1, Instant.now()),
                    staff(node, proctor2, Instant.now()),
                    25);
            sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
            for (int i = 0; i < 4; i++) {
                candidates.add(room.addCandidate(sessionId, "考生" + i, Photos.person(700 + i, 0)));
            }
            room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
            for (int i = 0; i < 12; i++) {
                String id = ExamRoom.newIdNumber();
                ok(
                        adminClient.post(
                                "/api/persons",
                                new JsonObject().put("fullName", "人员" + i).put("idNumber", id)),
                        201);
                persons.add(id);
            }
            String legacy = ExamRoom.newIdNumber();
            storeAsBeforeKeyIds(config, legacy);
            persons.add(legacy);
            assertThat(valuesStartingWith(headerA)).isGreaterThan(20);
        }

        // Only key B, before any re-encryption: values under A are refused with a clear error and counted, never
        // garbage.
        config.security.dataKey = keyB;
        long underA = valuesStartingWith(headerA);
        try (TestServer node = TestServer.start(withNewPorts(config))) {
            ApiClient newAdmin = signIn(node, account(node, Role.BUREAU_ADMIN), Instant.now());
            HttpResponse<Buffer> refused =
                    newAdmin.post("/api/persons/lookup", new JsonObject().put("idNumber", persons.get(0)));
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("DATA_KEY_MISSING");
            HttpResponse<Buffer> signIn =
                    node.client().login(admin.username(), PASSWORD, Totp.codeAt(admin.totpSecret(), Instant.now()));
            assertThat(signIn.bodyAsJsonObject().getString("code")).isEqualTo("DATA_KEY_MISSING");
            awaitGauge(node, "unknown", underA);
            awaitGauge(node, "unlabelled", 1);
            CliRun status = dataKeyStatus(config);
            assertThat(status.exitCode()).as(status.output()).isEqualTo(1);
            assertThat(status.output())
                    .contains(DataKeyRing.keyId(Hex.decode(keyA)))
                    .contains("cannot be read until their key is added to security.previousDataKeys");
            assertThat(valuesStartingWith(headerA))
                    .as("a node without key A rewrites nothing")
                    .isEqualTo(underA);
        }

        // B current, A previous. The test holds one ID number's row, so the job's run stops half way there.
        config.security.previousDataKeys = List.of(keyA);
        String lockedNumber = persons.get(persons.size() - 2);
        SqlConnection lockHolder = TestServer.await(testPool.getConnection());
        try {
            long lockedId = TestServer.await(lockHolder
                            .query("BEGIN")
                            .execute()
                            .compose(x -> lockHolder
                                    .preparedQuery("SELECT id FROM person WHERE id_number_index = $1 FOR UPDATE")
                                    .execute(Tuple.of(Buffer.buffer(blindIndex(config, lockedNumber))))))
                    .iterator()
                    .next()
                    .getLong("id");
            // Another node's run holds the cluster-wide rotation lock: this node waits its turn.
            SqlConnection otherNode = TestServer.await(testPool.getConnection());
            TestServer.await(otherNode
                    .preparedQuery("SELECT pg_advisory_lock($1)")
                    .execute(Tuple.of(DataKeyRotation.ROTATION_LOCK)));
            try (TestServer node = TestServer.start(withNewPorts(config))) {
                Thread.sleep(10 * config.security.reencryptIntervalMs);
                assertThat(valuesStartingWith(headerA))
                        .as("no run while another node's holds the lock")
                        .isEqualTo(underA);
                // A pooled connection goes back to the pool on close, its session and locks with it: unlock first.
                TestServer.await(otherNode
                        .preparedQuery("SELECT pg_advisory_unlock($1)")
                        .execute(Tuple.of(DataKeyRotation.ROTATION_LOCK))
                        .compose(x -> otherNode.close()));
                awaitBlockedUpdate();
                assertThat(valuesStartingWith(headerA))
                        .as("the run is under way, values remain under A")
                        .isGreaterThan(4);

                // Reads and writes while the run goes on: everything under A reads, new values are under B.
                ApiClient adminClient = signIn(node, admin, Instant.now().plusSeconds(30));
                for (String id : persons) {
                    ok(adminClient.post("/api/persons/lookup", new JsonObject().put("idNumber", id)), 200);
                }
                long writtenId = ok(
                                adminClient.post(
                                        "/api/persons",
                                        new JsonObject().put("fullName", "新人").put("idNumber", ExamRoom.newIdNumber())),
                                201)
                        .getLong("id");
                assertThat(idNumberEnc(writtenId)).startsWith(headerB);
                ApiClient proctorClient = signIn(node, proctor1, Instant.now().plusSeconds(30));
                checkIn(proctorClient, sessionId, candidates.get(0), 700);

                // The held row changes under the run (as a write meanwhile would), and the run may go on.
                byte[] rewritten =
                        KeyMaterial.from(config).dataCipher().encrypt(lockedNumber.getBytes(StandardCharsets.US_ASCII));
                TestServer.await(lockHolder
                        .preparedQuery("UPDATE person SET id_number_enc = $2 WHERE id = $1")
                        .execute(Tuple.of(lockedId, Buffer.buffer(rewritten)))
                        .compose(x -> lockHolder.query("COMMIT").execute()));
                awaitAllCurrent(node);

                assertThat(idNumberEnc(lockedId))
                        .as("the value written meanwhile is the one kept")
                        .isEqualTo(rewritten);
                node.chainAudit();
                JsonObject run = lastRotationAudit();
                assertThat(run.getInteger("changedMeanwhile")).isGreaterThanOrEqualTo(1);
                assertThat(run.getLong("remaining")).isZero();
                assertThat(run.getJsonObject("columns").getInteger("person.photo_enc"))
                        .isEqualTo(4);
                assertThat(run.encode()).doesNotContain(persons.get(0));
                CliRun status = dataKeyStatus(config);
                assertThat(status.exitCode()).as(status.output()).isZero();
                assertThat(status.output()).contains("the previous keys can be retired");
                checkIn(proctorClient, sessionId, candidates.get(1), 701);
            }
        } finally {
            lockHolder.close();
        }

        // Only B again: everything reads, the ID number stored before key ids included.
        config.security.previousDataKeys = List.of();
        try (TestServer node = TestServer.start(withNewPorts(config))) {
            assertThat(valuesStartingWith(headerA)).isZero();
            awaitGauge(node, "current", valuesStartingWith(headerB));
            awaitGauge(node, "unknown", 0);
            ApiClient adminClient = signIn(node, account(node, Role.BUREAU_ADMIN), Instant.now());
            for (String id : persons) {
                ok(adminClient.post("/api/persons/lookup", new JsonObject().put("idNumber", id)), 200);
            }
            checkIn(signIn(node, proctor2, Instant.now().plusSeconds(30)), sessionId, candidates.get(2), 702);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return Hex.toHexString(key);
    }

    /** The next node of the test, on ports of its own (the previous node's may still be closing). */
    private static ExamhallConfig withNewPorts(ExamhallConfig config) {
        config.http.port = TestServer.freePort();
        config.cluster.port = TestServer.freePort();
        return config;
    }

    private static Account account(TestServer node, Role role) {
        String name = TestServer.uniqueName(role.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        StaffProvisioning.Created created = node.createStaff(name, PASSWORD, role);
        return new Account(name, created.totpSecret());
    }

    private static ApiClient signIn(TestServer node, Account account, Instant codeTime) {
        ApiClient client = node.client();
        HttpResponse<Buffer> response =
                client.login(account.username(), PASSWORD, Totp.codeAt(account.totpSecret(), codeTime));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return client;
    }

    private static ExamRoom.Staff staff(TestServer node, Account account, Instant codeTime) {
        return new ExamRoom.Staff(
                staffId(node, account.username()), account.username(), signIn(node, account, codeTime));
    }

    private static long staffId(TestServer node, String username) {
        return TestServer.await(testPool.preparedQuery("SELECT id FROM staff_account WHERE username = $1")
                        .execute(Tuple.of(username)))
                .iterator()
                .next()
                .getLong(0);
    }

    /** A person as PersonRegistry stored them before key ids: Sm4Cipher's output alone. */
    private static void storeAsBeforeKeyIds(ExamhallConfig config, String number) {
        ResidentIdNumber id = ResidentIdNumber.parse(number).orElseThrow();
        byte[] legacy =
                new Sm4Cipher(Hex.decode(config.security.dataKey)).encrypt(number.getBytes(StandardCharsets.US_ASCII));
        TestServer.await(testPool.preparedQuery(
                        "INSERT INTO person (full_name, id_number_enc, id_number_index, id_number_masked)"
                                + " VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(
                        "旧记录", Buffer.buffer(legacy), Buffer.buffer(blindIndex(config, number)), id.masked())));
    }

    private static byte[] blindIndex(ExamhallConfig config, String number) {
        return new BlindIndex(Hex.decode(config.security.indexKey))
                .of(ResidentIdNumber.parse(number).orElseThrow());
    }

    private static long valuesStartingWith(byte[] header) {
        String sql = EncryptedColumn.ALL.stream()
                .map(c -> "(SELECT count(*) FROM " + c.table() + " WHERE substring(" + c.column() + " FROM 1 FOR "
                        + header.length + ") = $1)")
                .reduce((a, b) -> a + " + " + b)
                .orElseThrow();
        return TestServer.await(
                        testPool.preparedQuery("SELECT " + sql + " AS n").execute(Tuple.of(Buffer.buffer(header))))
                .iterator()
                .next()
                .getLong("n");
    }

    private static byte[] idNumberEnc(long personId) {
        return TestServer.await(testPool.preparedQuery("SELECT id_number_enc FROM person WHERE id = $1")
                        .execute(Tuple.of(personId)))
                .iterator()
                .next()
                .getBuffer(0)
                .getBytes();
    }

    private static long gauge(TestServer node, String key) {
        String metrics = node.client().get("/metrics").bodyAsString();
        Matcher m = VALUES.matcher(metrics);
        while (m.find()) {
            if (m.group(1).equals(key)) {
                return (long) Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no examhall_pii_values{key=\"" + key + "\"} in /metrics");
    }

    /** The census runs in the background after the node starts: its gauge shows {@code expected} soon after. */
    private static void awaitGauge(TestServer node, String key, long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (gauge(node, key) != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(gauge(node, key)).as("examhall_pii_values{key=%s}", key).isEqualTo(expected);
    }

    private static void checkIn(ApiClient proctor, long sessionId, ExamRoom.Candidate candidate, long faceSeed) {
        ok(
                proctor.post(
                        "/api/sessions/" + sessionId + "/checkin/identify",
                        new JsonObject().put("idNumber", candidate.idNumber())),
                200);
        JsonObject admitted = ok(
                proctor.post(
                        "/api/sittings/" + candidate.sittingId() + "/face",
                        new JsonObject().put("photo", Base64.getEncoder().encodeToString(Photos.person(faceSeed, 10)))),
                200);
        assertThat(admitted.getBoolean("checkedIn")).as(admitted.encode()).isTrue();
    }

    private static void awaitBlockedUpdate() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Row row = TestServer.await(
                            testPool.query("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                            + " AND query LIKE 'UPDATE person t SET id_number_enc%'")
                                    .execute())
                    .iterator()
                    .next();
            if (row.getLong("n") > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the re-encryption never reached the locked row");
    }

    /** Until no value is left off the current key, in the database and on the node's gauges. */
    private static void awaitAllCurrent(TestServer node) throws InterruptedException {
        DataKeyRing ring = KeyMaterial.from(node.server().config()).dataCipher();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            long left = TestServer.await(DataKeyCensus.take(testPool, ring)).notCurrent();
            if (left == 0 && gauge(node, "previous") + gauge(node, "unlabelled") + gauge(node, "unknown") == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("values remain off the current key after 2 minutes");
    }

    private static JsonObject lastRotationAudit() {
        Row row = TestServer.await(testPool.query("SELECT details FROM audit_log WHERE action = 'data_key.reencrypted'"
                                + " ORDER BY seq DESC LIMIT 1")
                        .execute())
                .iterator()
                .next();
        return new JsonObject(row.getValue("details").toString());
    }

    private record CliRun(int exitCode, String output) {}

    private CliRun dataKeyStatus(ExamhallConfig config) throws Exception {
        Path yaml = dir.resolve("examhall.yaml");
        Files.writeString(
                yaml,
                "mode: production\n"
                        + "database:\n  url: \"" + config.database.url + "\"\n"
                        + "security:\n  dataKey: " + config.security.dataKey + "\n  indexKey: "
                        + config.security.indexKey + "\n  previousDataKeys: ["
                        + String.join(", ", config.security.previousDataKeys)
                        + "]\n");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = new DataKeyStatusCommand().run(new String[] {"--config", yaml.toString()});
        } finally {
            System.setOut(original);
        }
        return new CliRun(exitCode, captured.toString(StandardCharsets.UTF_8));
    }
}
