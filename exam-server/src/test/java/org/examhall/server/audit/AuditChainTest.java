package org.examhall.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.TestServer.uniqueName;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.http.RequestIds;
import org.examhall.server.http.Role;
import org.examhall.server.pii.ResidentIdNumber;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every state change made through the API leaves an audit entry saying who (actor, role) did what
 * (action) to what (target) in which request; auditors read and verify the chain. Tampering tests
 * live in {@link AuditChainTamperTest}, on a server of their own.
 */
class AuditChainTest {

    private static final String PASSWORD = "audit-chain-12345";

    private static TestServer server;
    private static String adminName;
    private static ApiClient admin;
    private static ApiClient auditor;

    @BeforeAll
    static void signIn() {
        server = TestServer.shared();
        StaffProvisioning.Created a = server.createStaff(uniqueName("audit-admin"), PASSWORD, Role.BUREAU_ADMIN);
        StaffProvisioning.Created au = server.createStaff(uniqueName("auditor"), PASSWORD, Role.AUDITOR);
        adminName = a.username();
        admin = server.client().signedIn(adminName, PASSWORD, a.totpSecret());
        auditor = server.client().signedIn(au.username(), PASSWORD, null);
    }

    private static long lastSeq() {
        server.chainAudit();
        return TestServer.await(server.server()
                        .pool()
                        .query("SELECT coalesce(max(seq), 0) FROM audit_log")
                        .execute())
                .iterator()
                .next()
                .getLong(0);
    }

    private static long rowCount() {
        server.chainAudit();
        return TestServer.await(server.server()
                        .pool()
                        .query("SELECT count(*) FROM audit_log")
                        .execute())
                .iterator()
                .next()
                .getLong(0);
    }

    /** Every entry after {@code afterSeq}, read as an auditor reads them, page by page. */
    private static List<JsonObject> entriesAfter(long afterSeq) {
        List<JsonObject> all = new ArrayList<>();
        long after = afterSeq;
        while (true) {
            HttpResponse<Buffer> response = auditor.get("/api/audit/entries?after=" + after + "&limit=1000");
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            JsonArray page = response.bodyAsJsonObject().getJsonArray("entries");
            if (page.isEmpty()) {
                return all;
            }
            page.forEach(e -> all.add((JsonObject) e));
            after = all.get(all.size() - 1).getLong("seq");
        }
    }

    /** The one entry written by the request that answered with {@code response}. */
    private static JsonObject entryOf(HttpResponse<Buffer> response, long afterSeq) {
        String requestId = response.getHeader(RequestIds.HEADER);
        assertThat(requestId).as("X-Request-Id of the response").isNotBlank();
        List<JsonObject> matching = entriesAfter(afterSeq).stream()
                .filter(e -> requestId.equals(e.getString("requestId")))
                .toList();
        assertThat(matching).as("entries with request id " + requestId).hasSize(1);
        return matching.get(0);
    }

    private static void assertWrittenJustNow(JsonObject entry) {
        assertThat(entry.getString("hash")).matches("[0-9a-f]{64}");
        assertThat(Duration.between(Instant.parse(entry.getString("occurredAt")), Instant.now())
                        .abs())
                .isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void creatingStaffThroughTheApiIsAuditedWithActorRoleTargetRequestAndDetails() {
        long before = lastSeq();
        String newName = uniqueName("new-proctor");

        HttpResponse<Buffer> response = admin.post(
                "/api/staff",
                new JsonObject()
                        .put("username", newName)
                        .put("displayName", "新监考员")
                        .put("password", "new-proctor-12345")
                        .put("role", "PROCTOR"));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        long newId = response.bodyAsJsonObject().getLong("id");
        JsonObject entry = entryOf(response, before);
        assertThat(entry.getLong("seq")).isGreaterThan(before);
        assertThat(entry.getString("actor")).isEqualTo(adminName);
        assertThat(entry.getString("actorRole")).isEqualTo("BUREAU_ADMIN");
        assertThat(entry.getString("action")).isEqualTo("staff.created");
        assertThat(entry.getString("target")).isEqualTo("staff:" + newName);
        assertThat(entry.getJsonObject("details"))
                .isEqualTo(new JsonObject()
                        .put("id", newId)
                        .put("role", "PROCTOR")
                        .put("displayName", "新监考员")
                        .put("secondFactor", true));
        assertWrittenJustNow(entry);
        // Secrets handed to the creator never reach the audit trail.
        assertThat(entry.encode())
                .doesNotContain("new-proctor-12345")
                .doesNotContain(response.bodyAsJsonObject().getString("totpSecret"));
    }

    @Test
    void registeringAPersonIsAuditedWithTheMaskedNumberOnly() {
        long before = lastSeq();
        String first17 = "3201021985071"
                + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        String idNumber = first17 + ResidentIdNumber.checkCharacter(first17);

        HttpResponse<Buffer> response = admin.post(
                "/api/persons", new JsonObject().put("fullName", "吴婷").put("idNumber", idNumber));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        JsonObject entry = entryOf(response, before);
        assertThat(entry.getString("actor")).isEqualTo(adminName);
        assertThat(entry.getString("actorRole")).isEqualTo("BUREAU_ADMIN");
        assertThat(entry.getString("action")).isEqualTo("person.registered");
        assertThat(entry.getString("target"))
                .isEqualTo("person:" + response.bodyAsJsonObject().getLong("id"));
        assertThat(entry.getJsonObject("details"))
                .isEqualTo(new JsonObject().put("idNumberMasked", "320102********" + idNumber.substring(14)));
        assertThat(entry.encode()).doesNotContain(idNumber).doesNotContain(idNumber.substring(6, 14));
        assertWrittenJustNow(entry);
    }

    @Test
    void aWrongPasswordIsAuditedAgainstTheAccountWithTheRequestOfTheAttempt() {
        String victim = uniqueName("victim");
        server.createStaff(victim, PASSWORD, Role.AUDITOR);
        long before = lastSeq();

        HttpResponse<Buffer> response = server.client().login(victim, "not-the-password-1", null);

        assertThat(response.statusCode()).isEqualTo(401);
        JsonObject entry = entryOf(response, before);
        assertThat(entry.getString("actor")).isEqualTo("anonymous");
        assertThat(entry.getString("actorRole")).isEqualTo("NONE");
        assertThat(entry.getString("action")).isEqualTo("staff.sign_in_failed");
        assertThat(entry.getString("target")).isEqualTo("staff:" + victim);
        assertThat(entry.getJsonObject("details"))
                .isEqualTo(new JsonObject()
                        .put("reason", "wrong_password")
                        .put("attempt", 1)
                        .put("recognisedDevice", false));
        assertThat(entry.encode()).doesNotContain("not-the-password-1");
        // The request id in the entry is also the one in the error body the user can quote.
        assertThat(response.bodyAsJsonObject().getString("requestId")).isEqualTo(entry.getString("requestId"));
    }

    @Test
    void aSignInWithAnUnknownUsernameIsAudited() {
        String nobody = uniqueName("nobody");
        long before = lastSeq();

        HttpResponse<Buffer> response = server.client().login(nobody, "whatever-password-1", null);

        assertThat(response.statusCode()).isEqualTo(401);
        JsonObject entry = entryOf(response, before);
        assertThat(entry.getString("action")).isEqualTo("staff.sign_in_failed");
        assertThat(entry.getString("target")).isEqualTo("staff:" + nobody);
        assertThat(entry.getJsonObject("details")).isEqualTo(new JsonObject().put("reason", "unknown_username"));
    }

    @Test
    void aWrongOneTimeCodeIsAudited() {
        StaffProvisioning.Created proctor = server.createStaff(uniqueName("totp-victim"), PASSWORD, Role.PROCTOR);
        Instant now = Instant.now();
        Set<String> acceptable = Stream.of(-60, -30, 0, 30, 60)
                .map(s -> Totp.codeAt(proctor.totpSecret(), now.plusSeconds(s)))
                .collect(Collectors.toSet());
        String wrong = Stream.of("000000", "000001", "000002", "000003", "000004", "000005")
                .filter(c -> !acceptable.contains(c))
                .findFirst()
                .orElseThrow();
        long before = lastSeq();

        HttpResponse<Buffer> response = server.client().login(proctor.username(), PASSWORD, wrong);

        assertThat(response.statusCode()).isEqualTo(401);
        JsonObject entry = entryOf(response, before);
        assertThat(entry.getString("action")).isEqualTo("staff.sign_in_failed");
        assertThat(entry.getString("target")).isEqualTo("staff:" + proctor.username());
        assertThat(entry.getJsonObject("details"))
                .isEqualTo(new JsonObject()
                        .put("reason", "wrong_totp")
                        .put("attempt", 1)
                        .put("recognisedDevice", false));
    }

    @Test
    void entriesArePagedInSequenceOrder() {
        server.createStaff(uniqueName("filler"), PASSWORD, Role.AUDITOR);
        server.createStaff(uniqueName("filler"), PASSWORD, Role.AUDITOR);
        long last = lastSeq();

        JsonArray page = auditor.get("/api/audit/entries?after=" + (last - 2) + "&limit=2")
                .bodyAsJsonObject()
                .getJsonArray("entries");

        assertThat(page.stream().map(e -> ((JsonObject) e).getLong("seq")).toList())
                .containsExactly(last - 1, last);
        assertThat(auditor.get("/api/audit/entries?after=" + last)
                        .bodyAsJsonObject()
                        .getJsonArray("entries"))
                .isEmpty();
        assertThat(auditor.get("/api/audit/entries?after=-1").statusCode()).isEqualTo(400);
        assertThat(auditor.get("/api/audit/entries?limit=ten").statusCode()).isEqualTo(400);
    }

    @Test
    void theIntactChainVerifiesAndEveryRowIsChecked() {
        admin.post(
                "/api/staff",
                new JsonObject()
                        .put("username", uniqueName("verify"))
                        .put("displayName", "核验")
                        .put("password", "verify-pass-12345")
                        .put("role", "AUDITOR"));

        HttpResponse<Buffer> response = auditor.get("/api/audit/verify");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject result = response.bodyAsJsonObject();
        assertThat(result.getBoolean("ok")).as(result.encode()).isTrue();
        assertThat(result.getLong("checked")).isPositive().isEqualTo(rowCount()).isEqualTo(lastSeq());
        assertThat(result.containsKey("firstBroken")).isFalse();
    }

    @Test
    void onlyAuditorsReadOrVerifyTheChain() {
        assertThat(admin.get("/api/audit/verify").statusCode()).isEqualTo(403);
        assertThat(admin.get("/api/audit/entries").statusCode()).isEqualTo(403);
        assertThat(server.client().get("/api/audit/entries").statusCode()).isEqualTo(401);
    }
}
