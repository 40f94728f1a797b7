package org.examhall.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.examhall.server.testing.TestServer.uniqueName;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.examhall.server.cli.AuditVerifyCommand;
import org.examhall.server.http.Role;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Someone with database access changes or removes an audit row: the append-only trigger refuses
 * plain changes, and when a superuser gets past it the hash chain names the first broken entry,
 * over the API and from the {@code audit-verify} command. Runs on a server of its own, because
 * it breaks the chain on purpose (and mends it after each test).
 */
class AuditChainTamperTest {

    private static final String PASSWORD = "tamper-test-12345";
    /** A row in the middle of the chain: entries before and after it exist. */
    private static final long MIDDLE = 3;

    private static TestServer own;
    private static ApiClient auditor;

    @TempDir
    Path dir;

    @BeforeAll
    static void startOwnServer() {
        own = TestServer.start(c -> {});
        for (int i = 0; i < 4; i++) {
            own.createStaff(uniqueName("filler"), PASSWORD, Role.INSTITUTION);
        }
        String auditorName = uniqueName("auditor");
        own.createStaff(auditorName, PASSWORD, Role.AUDITOR);
        auditor = own.client().signedIn(auditorName, PASSWORD, null);
        own.chainAudit();
    }

    @AfterAll
    static void stopOwnServer() {
        if (own != null) {
            own.close();
        }
    }

    private static RowSet<Row> sql(String sql) {
        return TestServer.await(own.server().pool().query(sql).execute());
    }

    /** As a superuser would: switch the trigger off, run the statements, switch it back on. */
    private static void bypassingTrigger(String statements) {
        sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; " + statements
                + "; ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    }

    private static long rowCount() {
        return sql("SELECT count(*) FROM audit_log").iterator().next().getLong(0);
    }

    private static JsonObject verify() {
        return auditor.get("/api/audit/verify").bodyAsJsonObject();
    }

    @BeforeEach
    void keepACopyOfTheMiddleRow() {
        sql("DROP TABLE IF EXISTS audit_log_saved; CREATE TABLE audit_log_saved AS SELECT * FROM audit_log WHERE seq = "
                + MIDDLE);
        assertThat(verify().getBoolean("ok")).as("chain intact before the test").isTrue();
    }

    @AfterEach
    void mendTheChain() {
        bypassingTrigger("DELETE FROM audit_log WHERE seq = " + MIDDLE
                + "; INSERT INTO audit_log SELECT * FROM audit_log_saved; DROP TABLE audit_log_saved");
        assertThat(verify().getBoolean("ok"))
                .as("chain intact again once the row is restored")
                .isTrue();
    }

    @Test
    void plainUpdatesAndDeletesAreRefusedByTheAppendOnlyTrigger() {
        String before = sql("SELECT a::text FROM audit_log a WHERE seq = " + MIDDLE)
                .iterator()
                .next()
                .getString(0);
        long rows = rowCount();

        assertThatThrownBy(() -> sql("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + MIDDLE))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM audit_log WHERE seq = " + MIDDLE))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM audit_log")).hasMessageContaining("append-only");

        assertThat(sql("SELECT a::text FROM audit_log a WHERE seq = " + MIDDLE)
                        .iterator()
                        .next()
                        .getString(0))
                .isEqualTo(before);
        assertThat(rowCount()).isEqualTo(rows);
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "actor = 'mallory'",
                "actor_role = 'AUDITOR'",
                "action = 'staff.unlocked'",
                "target = 'staff:someone-else'",
                "request_id = 'forged-request-id'",
                "details = '{\"displayName\":\"x\",\"id\":1,\"role\":\"BUREAU_ADMIN\",\"secondFactor\":false}'",
                "occurred_at = occurred_at - interval '1 day'"
            })
    void alteringAnyColumnOfAMiddleRowIsReportedAtThatRow(String change) {
        bypassingTrigger("UPDATE audit_log SET " + change + " WHERE seq = " + MIDDLE);

        JsonObject result = verify();

        assertThat(result.getBoolean("ok")).isFalse();
        assertThat(result.getLong("checked")).isEqualTo(MIDDLE - 1);
        assertThat(result.getJsonObject("firstBroken").getLong("seq")).isEqualTo(MIDDLE);
        assertThat(result.getJsonObject("firstBroken").getString("reason")).contains("altered");
    }

    @Test
    void rewritingTheHashOfAnAlteredRowBreaksTheLinkToTheNextRow() {
        // A forger who also recomputes the row's own hash is caught at the following entry.
        Row row =
                sql("SELECT * FROM audit_log WHERE seq = " + MIDDLE).iterator().next();
        AuditEntry forged = new AuditEntry(
                row.getOffsetDateTime("occurred_at").toInstant(),
                "mallory",
                row.getString("actor_role"),
                row.getString("action"),
                row.getString("target"),
                row.getString("request_id"),
                new JsonObject(CanonicalJson.read(row.getString("details"))));
        String forgedHash = AuditChain.hash(row.getString("prev_hash"), forged, MIDDLE);
        bypassingTrigger("UPDATE audit_log SET actor = 'mallory', hash = '" + forgedHash + "' WHERE seq = " + MIDDLE);

        JsonObject result = verify();

        assertThat(result.getBoolean("ok")).isFalse();
        assertThat(result.getJsonObject("firstBroken").getLong("seq")).isEqualTo(MIDDLE + 1);
        assertThat(result.getJsonObject("firstBroken").getString("reason")).contains("previous-hash");
    }

    @Test
    void aDeletedMiddleRowIsReportedAsMissing() {
        bypassingTrigger("DELETE FROM audit_log WHERE seq = " + MIDDLE);

        JsonObject result = verify();

        assertThat(result.getBoolean("ok")).isFalse();
        assertThat(result.getLong("checked")).isEqualTo(MIDDLE - 1);
        assertThat(result.getJsonObject("firstBroken").getLong("seq")).isEqualTo(MIDDLE);
        assertThat(result.getJsonObject("firstBroken").getString("reason")).contains("missing");
    }

    @Test
    void aDeletedRowWithTheFollowingRowsRenumberedIsStillCaught() {
        // Closing the gap so the sequence looks whole does not help: the next row's link is wrong.
        bypassingTrigger("DELETE FROM audit_log WHERE seq = " + MIDDLE
                + "; CREATE TABLE audit_log_tail AS SELECT * FROM audit_log WHERE seq > " + MIDDLE
                + "; DELETE FROM audit_log WHERE seq > " + MIDDLE
                + "; INSERT INTO audit_log SELECT seq - 1, occurred_at, actor, actor_role, action, target, request_id, details,"
                + " prev_hash, hash FROM audit_log_tail");
        try {
            JsonObject result = verify();

            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getJsonObject("firstBroken").getLong("seq")).isEqualTo(MIDDLE);
        } finally {
            // put the tail back where it was, so that the row saved before the test fits in again
            bypassingTrigger("DELETE FROM audit_log WHERE seq >= " + MIDDLE
                    + "; INSERT INTO audit_log SELECT * FROM audit_log_tail; DROP TABLE audit_log_tail");
        }
    }

    private record CliRun(int exitCode, String output) {}

    private CliRun auditVerifyCommand() throws Exception {
        int port = own.server().config().database.embedded.port;
        Path yaml = dir.resolve("examhall.yaml");
        Files.writeString(
                yaml,
                "database:\n  url: \"postgresql://postgres@localhost:" + port + "/postgres\"\n"
                        + "security:\n  auditAnchorFile: \""
                        + own.server().config().auditAnchorPath() + "\"\n");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = new AuditVerifyCommand().run(new String[] {"--config", yaml.toString()});
        } finally {
            System.setOut(original);
        }
        return new CliRun(exitCode, captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theAuditVerifyCommandExitsZeroForAnIntactChain() throws Exception {
        long rows = rowCount();

        CliRun run = auditVerifyCommand();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("intact").contains(rows + " entries verified");
    }

    @Test
    void theAuditVerifyCommandExitsOneAndNamesTheBrokenEntry() throws Exception {
        bypassingTrigger("UPDATE audit_log SET details = '{}' WHERE seq = " + MIDDLE);

        CliRun run = auditVerifyCommand();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("BROKEN at entry " + MIDDLE);
    }

    @Test
    void deletingTheNewestEntriesIsCaughtByTheHeadWitnessedOutsideTheDatabase() throws Exception {
        own.chainAudit();
        AuditChainer chainer = own.server().services().auditChain();
        chainer.anchorNow();
        long head = sql("SELECT max(seq) FROM audit_log").iterator().next().getLong(0);
        sql(
                "DROP TABLE IF EXISTS audit_log_newest; CREATE TABLE audit_log_newest AS SELECT * FROM audit_log WHERE seq > "
                        + (head - 2));
        bypassingTrigger("DELETE FROM audit_log WHERE seq > " + (head - 2));
        try {
            // The shortened chain is whole in itself: only the witness outside the database tells.
            AuditChainVerifier verifier = new AuditChainVerifier(own.server().pool());
            assertThat(TestServer.await(verifier.verify()).ok()).isTrue();
            AuditChainVerifier.Result result =
                    TestServer.await(verifier.verify(TestServer.await(chainer.latestAnchor())));
            assertThat(result.ok()).isFalse();
            assertThat(result.brokenSeq()).isEqualTo(head);
            assertThat(result.reason()).contains("missing");

            CliRun run = auditVerifyCommand();
            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output())
                    .contains("head witnessed outside the database: entry " + head)
                    .contains("BROKEN at entry " + head);
        } finally {
            bypassingTrigger("DELETE FROM audit_log WHERE seq > " + (head - 2)
                    + "; INSERT INTO audit_log SELECT * FROM audit_log_newest; DROP TABLE audit_log_newest");
        }
    }

    @Test
    void anEarlierWitnessTheChainNoLongerBearsOutBreaksItThoughTheNewestMatches() throws Exception {
        own.chainAudit();
        long head = sql("SELECT max(seq) FROM audit_log").iterator().next().getLong(0);
        String headHash = hashAt(head);
        AuditChainVerifier verifier = new AuditChainVerifier(own.server().pool());

        // As after a restore to an earlier time: the entry witnessed then now has another hash, while the node has
        // gone on and witnessed its new head since.
        AuditAnchors rewritten = new AuditAnchors(dir.resolve("rewritten-anchors.jsonl"));
        rewritten.append(MIDDLE, "0".repeat(64));
        rewritten.append(head, headHash);
        AuditChainVerifier.Result result = TestServer.await(verifier.verify(rewritten.all()));
        assertThat(result.ok()).isFalse();
        assertThat(result.brokenSeq()).isEqualTo(MIDDLE);
        assertThat(result.reason()).contains("rewritten");
        assertThat(TestServer.await(verifier.verify(rewritten.latest())).ok())
                .as("the newest witness alone does not tell")
                .isTrue();

        AuditAnchors intact = new AuditAnchors(dir.resolve("intact-anchors.jsonl"));
        intact.append(MIDDLE, hashAt(MIDDLE));
        intact.append(head, headHash);
        assertThat(TestServer.await(verifier.verify(intact.all())).ok()).isTrue();
    }

    private String hashAt(long seq) {
        return sql("SELECT hash FROM audit_log WHERE seq = " + seq)
                .iterator()
                .next()
                .getString(0);
    }
}
