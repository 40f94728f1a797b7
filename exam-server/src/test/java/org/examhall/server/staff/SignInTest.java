package org.examhall.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.TestServer.uniqueName;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.http.Role;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Staff sign-in in production mode: passwords, the TOTP second factor, lock-out, sessions and CSRF. */
class SignInTest {

    private static final String PASSWORD = "correct-horse-42";

    private final TestServer server = TestServer.shared();

    @Test
    void aBureauAdminNeedsTheOneTimeCodeOutsideDemoMode() {
        String name = uniqueName("admin");
        StaffProvisioning.Created admin = server.createStaff(name, PASSWORD, Role.BUREAU_ADMIN);
        assertThat(admin.totpSecret()).isNotBlank();
        ApiClient client = server.client();

        assertError(client.login(name, PASSWORD, null), 401, "TOTP_REQUIRED");
        assertError(client.login(name, PASSWORD, wrongCode(admin.totpSecret())), 401, "TOTP_INVALID");
        HttpResponse<Buffer> ok = client.login(name, PASSWORD, Totp.codeAt(admin.totpSecret(), Instant.now()));
        assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
        assertThat(ok.bodyAsJsonObject().getString("role")).isEqualTo("BUREAU_ADMIN");
        assertThat(client.get("/api/auth/me").bodyAsJsonObject().getString("username"))
                .isEqualTo(name);
    }

    @Test
    void aOneTimeCodeWorksOnlyOnce() {
        String name = uniqueName("proctor");
        StaffProvisioning.Created proctor = server.createStaff(name, PASSWORD, Role.PROCTOR);
        String code = Totp.codeAt(proctor.totpSecret(), Instant.now());
        assertThat(server.client().login(name, PASSWORD, code).statusCode()).isEqualTo(200);
        assertError(server.client().login(name, PASSWORD, code), 401, "TOTP_INVALID");
    }

    @Test
    void anAuditorSignsInWithPasswordOnlyAndTheCookieIsHttpOnlyAndSameSiteStrict() {
        String name = uniqueName("auditor");
        server.createStaff(name, PASSWORD, Role.AUDITOR);
        HttpResponse<Buffer> response = server.client().login(name, PASSWORD, null);
        assertThat(response.statusCode()).isEqualTo(200);
        String cookie = response.cookies().stream()
                .filter(c -> c.startsWith("examhall.sid="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
        assertThat(response.bodyAsJsonObject().getString("csrfToken")).hasSizeGreaterThan(30);
    }

    @Test
    void wrongPasswordsAndUnknownUsersGetTheSameAnswer() {
        String name = uniqueName("inst");
        server.createStaff(name, PASSWORD, Role.INSTITUTION);
        assertError(server.client().login(name, "wrong-password-1", null), 401, "INVALID_CREDENTIALS");
        assertError(server.client().login(uniqueName("nobody"), "wrong-password-1", null), 401, "INVALID_CREDENTIALS");
    }

    @Test
    void repeatedFailuresLockTheAccountUntilAnAdminUnlocksIt() {
        String name = uniqueName("locked");
        StaffProvisioning.Created victim = server.createStaff(name, PASSWORD, Role.INSTITUTION);
        ApiClient attacker = server.client();
        for (int i = 1; i < 5; i++) {
            assertError(attacker.login(name, "guess-number-" + i, null), 401, "INVALID_CREDENTIALS");
        }
        assertError(attacker.login(name, "guess-number-5", null), 423, "ACCOUNT_LOCKED");
        // Locked: even the right password is refused, so guessing cannot go on.
        assertError(server.client().login(name, PASSWORD, null), 423, "ACCOUNT_LOCKED");

        StaffProvisioning.Created admin = server.createStaff(uniqueName("admin"), PASSWORD, Role.BUREAU_ADMIN);
        ApiClient adminClient = server.client().signedIn(admin.username(), PASSWORD, admin.totpSecret());
        JsonObject listed = findStaff(adminClient, name);
        assertThat(listed.getBoolean("locked")).isTrue();
        assertThat(adminClient
                        .post("/api/staff/" + victim.id() + "/unlock", new JsonObject())
                        .statusCode())
                .isEqualTo(204);
        assertThat(server.client().login(name, PASSWORD, null).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongOneTimeCodesCountTowardsTheLockOut() {
        String name = uniqueName("proctor");
        StaffProvisioning.Created proctor = server.createStaff(name, PASSWORD, Role.PROCTOR);
        for (int i = 1; i < 5; i++) {
            assertError(server.client().login(name, PASSWORD, wrongCode(proctor.totpSecret())), 401, "TOTP_INVALID");
        }
        assertError(server.client().login(name, PASSWORD, wrongCode(proctor.totpSecret())), 423, "ACCOUNT_LOCKED");
    }

    @Test
    void stateChangesWithoutTheCsrfTokenAreRefusedAndChangeNothing() {
        StaffProvisioning.Created admin = server.createStaff(uniqueName("admin"), PASSWORD, Role.BUREAU_ADMIN);
        ApiClient client = server.client().signedIn(admin.username(), PASSWORD, admin.totpSecret());
        String newName = uniqueName("csrf");
        client.forgetCsrfToken();
        assertError(client.post("/api/staff", staffBody(newName, Role.AUDITOR)), 403, "CSRF_TOKEN_INVALID");
        assertThat(findStaff(client, newName)).isNull();
        // Same session with the token that /api/auth/me hands back: the request now goes through.
        client.useCsrfToken(client.get("/api/auth/me").bodyAsJsonObject().getString("csrfToken"));
        assertThat(client.post("/api/staff", staffBody(newName, Role.AUDITOR)).statusCode())
                .isEqualTo(201);
    }

    @Test
    void signingOutEndsTheSession() {
        String name = uniqueName("auditor");
        server.createStaff(name, PASSWORD, Role.AUDITOR);
        ApiClient client = server.client().signedIn(name, PASSWORD, null);
        assertThat(client.get("/api/auth/me").statusCode()).isEqualTo(200);
        assertThat(client.post("/api/auth/logout", new JsonObject()).statusCode())
                .isEqualTo(204);
        assertError(client.get("/api/auth/me"), 401, "UNAUTHENTICATED");
    }

    /**
     * A request of the session still running while it signs out used to store its copy of the session
     * when it ended, after the sign-out had deleted it: the session came back, still signed in.
     */
    @Test
    void aRequestInFlightWhileSigningOutDoesNotBringTheSessionBack() throws Exception {
        String name = uniqueName("auditor");
        server.createStaff(name, PASSWORD, Role.AUDITOR);
        for (int round = 0; round < 5; round++) {
            ApiClient client = server.client().signedIn(name, PASSWORD, null);
            ExecutorService readers = Executors.newFixedThreadPool(8);
            AtomicBoolean signedOut = new AtomicBoolean();
            try {
                List<Future<?>> reading = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    reading.add(readers.submit(() -> {
                        while (!signedOut.get()) {
                            client.get("/api/auth/me");
                        }
                        client.get("/api/auth/me");
                    }));
                }
                Thread.sleep(100);
                assertThat(client.post("/api/auth/logout", new JsonObject()).statusCode())
                        .isEqualTo(204);
                signedOut.set(true);
                for (Future<?> reader : reading) {
                    reader.get(30, TimeUnit.SECONDS);
                }
            } finally {
                readers.shutdownNow();
            }
            assertError(client.get("/api/auth/me"), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void aBureauAdminCreatesStaffAndGetsTheEnrolmentSecretOnce() {
        StaffProvisioning.Created admin = server.createStaff(uniqueName("admin"), PASSWORD, Role.BUREAU_ADMIN);
        ApiClient client = server.client().signedIn(admin.username(), PASSWORD, admin.totpSecret());
        String name = uniqueName("proctor");
        HttpResponse<Buffer> created = client.post("/api/staff", staffBody(name, Role.PROCTOR));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        String secret = created.bodyAsJsonObject().getString("totpSecret");
        assertThat(created.bodyAsJsonObject().getString("otpauthUri")).startsWith("otpauth://totp/examhall:" + name);
        assertThat(server.client()
                        .login(name, "a-strong-pass-77", Totp.codeAt(secret, Instant.now()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(findStaff(client, name).containsKey("totpSecret")).isFalse();

        assertError(client.post("/api/staff", staffBody(name, Role.PROCTOR)), 409, "USERNAME_TAKEN");
        assertError(
                client.post(
                        "/api/staff",
                        staffBody(uniqueName("weak"), Role.AUDITOR).put("password", "short1")),
                400,
                "WEAK_PASSWORD");
        assertError(
                client.post(
                        "/api/staff",
                        staffBody(uniqueName("role"), Role.AUDITOR).put("role", "ROOT")),
                400,
                "VALIDATION_FAILED");
    }

    private static JsonObject staffBody(String username, Role role) {
        return new JsonObject()
                .put("username", username)
                .put("displayName", "测试 " + username)
                .put("role", role.name())
                .put("password", "a-strong-pass-77");
    }

    private static JsonObject findStaff(ApiClient client, String username) {
        return client.get("/api/staff").bodyAsJsonObject().getJsonArray("staff").stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getString("username").equals(username))
                .findFirst()
                .orElse(null);
    }

    private static String wrongCode(String secret) {
        String right = Totp.codeAt(secret, Instant.now());
        String candidate = right.equals("000000") ? "111111" : "000000";
        // Not valid in the ±1 step window either.
        while (Totp.matchingStep(secret, candidate, Instant.now()).isPresent()) {
            candidate = String.format("%06d", (Integer.parseInt(candidate) + 1) % 1_000_000);
        }
        return candidate;
    }

    static void assertError(HttpResponse<Buffer> response, int status, String code) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
    }
}
