package org.examhall.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.staff.SignInTest.assertError;
import static org.examhall.server.testing.TestServer.uniqueName;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.http.Role;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in attacks performed over HTTP: parallel guesses against one account, one address spraying
 * many accounts, a flood of sign-ins against the password hashing, and locking a proctor out on
 * exam day. Each was possible before the fix that this class pins.
 */
class SignInAttackTest {

    private static final String PASSWORD = "correct-horse-42";
    private static TestServer throttled;

    private final TestServer server = TestServer.shared();

    @BeforeAll
    static void startThrottledNode() {
        throttled = TestServer.start(config -> {
            config.security.signInFailuresPerAddress = 10;
            config.security.passwordHashThreads = 1;
            config.security.passwordHashQueue = 2;
        });
    }

    @AfterAll
    static void stopThrottledNode() {
        throttled.close();
    }

    @Test
    void twoHundredParallelGuessesGetFiveChecksAndThenTheLock() throws Exception {
        String name = uniqueName("inst");
        server.createStaff(name, PASSWORD, Role.INSTITUTION);

        Map<String, Integer> answers =
                inParallel(200, 32, i -> () -> server.client().login(name, "guess-" + i, null));

        assertThat(answers)
                .as("answers by status and code")
                .containsExactlyInAnyOrderEntriesOf(Map.of("401 INVALID_CREDENTIALS", 4, "423 ACCOUNT_LOCKED", 196));
        server.chainAudit();
        assertThat(auditCount(server, "staff.sign_in_failed", name)).isEqualTo(4);
        assertThat(auditCount(server, "staff.locked_out", name)).isEqualTo(1);
        // Locked, even the right password is refused.
        assertError(server.client().login(name, PASSWORD, null), 423, "ACCOUNT_LOCKED");
    }

    @Test
    void anAddressThatSpraysGuessesOverManyAccountsIsThrottledWhateverItClaimsToBe() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(uniqueName("spray"));
            throttled.createStaff(names.get(i), PASSWORD, Role.INSTITUTION);
        }
        // Two guesses on each of five accounts: no account reaches its lock-out, the address reaches its limit.
        for (String name : names) {
            assertError(throttled.client().login(name, "guess-1", null), 401, "INVALID_CREDENTIALS");
            assertError(throttled.client().login(name, "guess-2", null), 401, "INVALID_CREDENTIALS");
        }
        HttpResponse<Buffer> stopped = throttled.client().login(names.get(0), PASSWORD, null);
        assertError(stopped, 429, "TOO_MANY_SIGN_IN_FAILURES");
        assertThat(stopped.bodyAsJsonObject().getLong("retryAfterSeconds")).isPositive();
        // A forwarded-for header from a client that is not a configured proxy changes nothing.
        assertError(
                throttled.client().withHeader("X-Forwarded-For", "203.0.113.9").login(names.get(1), PASSWORD, null),
                429,
                "TOO_MANY_SIGN_IN_FAILURES");
    }

    @Test
    void aFloodOfSignInsWaitsForItsOwnThreadsOrIsTurnedAwayAndNeverTheWorkerPool() throws Exception {
        String name = uniqueName("flood");
        throttled.createStaff(name, PASSWORD, Role.AUDITOR);
        // Right passwords (nothing counts towards a lock-out or the address limit), each a full Argon2 run.
        Map<String, Integer> answers =
                inParallel(60, 30, i -> () -> throttled.client().login(name, PASSWORD, null));
        assertThat(answers.getOrDefault("503 SIGN_IN_BUSY", 0))
                .as(answers.toString())
                .isPositive();
        assertThat(answers.getOrDefault("200 null", 0)).as(answers.toString()).isPositive();
        assertThat(answers.keySet()).containsOnly("503 SIGN_IN_BUSY", "200 null");
        // Meanwhile blocking work on the shared worker pool was never queued behind the hashing.
        long started = System.nanoTime();
        TestServer.await(throttled.server().vertx().executeBlocking(() -> 1, false));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void aLockedProctorStillSignsInFromTheBrowserTheyUsedBeforeAndOnlyThere() throws Exception {
        String name = uniqueName("proctor");
        StaffProvisioning.Created proctor = server.createStaff(name, PASSWORD, Role.PROCTOR);
        ApiClient usual = server.client();
        assertThat(usual.login(name, PASSWORD, Totp.codeAt(proctor.totpSecret(), Instant.now()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(usual.cookieNamed(RecognisedDevices.COOKIE)).isNotNull();

        // Someone elsewhere locks the account with guesses.
        inParallel(20, 10, i -> () -> server.client().login(name, "guess-" + i, null));
        assertError(
                server.client()
                        .login(
                                name,
                                PASSWORD,
                                Totp.codeAt(proctor.totpSecret(), Instant.now().plusSeconds(30))),
                423,
                "ACCOUNT_LOCKED");
        // A made-up browser token is no way round the lock.
        assertError(
                server.client()
                        .withHeader("Cookie", RecognisedDevices.COOKIE + "=" + "A".repeat(43))
                        .login(
                                name,
                                PASSWORD,
                                Totp.codeAt(proctor.totpSecret(), Instant.now().plusSeconds(30))),
                423,
                "ACCOUNT_LOCKED");

        HttpResponse<Buffer> fromUsual = usual.login(
                name, PASSWORD, Totp.codeAt(proctor.totpSecret(), Instant.now().plusSeconds(30)));
        assertThat(fromUsual.statusCode()).as(fromUsual.bodyAsString()).isEqualTo(200);
        server.chainAudit();
        assertThat(TestServer.await(server.server()
                                .pool()
                                .preparedQuery(
                                        "SELECT details FROM audit_log WHERE action = 'staff.signed_in' AND target = $1 ORDER BY seq DESC LIMIT 1")
                                .execute(Tuple.of("staff:" + name)))
                        .iterator()
                        .next()
                        .getString("details"))
                .contains("\"recognisedDevice\":true");

        // The usual browser has its own count: a copied token used for guessing locks that browser too.
        ApiClient copied = server.client()
                .withHeader("Cookie", RecognisedDevices.COOKIE + "=" + usual.cookieNamed(RecognisedDevices.COOKIE));
        Map<String, Integer> guesses = new TreeMap<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<Buffer> r = copied.login(name, "guess-" + i, null);
            guesses.merge(r.statusCode() + " " + r.bodyAsJsonObject().getString("code"), 1, Integer::sum);
        }
        assertThat(guesses)
                .containsExactlyInAnyOrderEntriesOf(Map.of("401 INVALID_CREDENTIALS", 4, "423 ACCOUNT_LOCKED", 2));
        assertError(usual.login(name, PASSWORD, "000000"), 423, "ACCOUNT_LOCKED");
    }

    private static Map<String, Integer> inParallel(
            int requests, int threads, IntFunction<Callable<HttpResponse<Buffer>>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                sent.add(pool.submit(request.apply(i)));
            }
            Map<String, Integer> answers = new TreeMap<>();
            for (Future<HttpResponse<Buffer>> response : sent) {
                HttpResponse<Buffer> r = response.get();
                answers.merge(r.statusCode() + " " + r.bodyAsJsonObject().getString("code"), 1, Integer::sum);
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long auditCount(TestServer node, String action, String username) {
        return TestServer.await(node.server()
                        .pool()
                        .preparedQuery("SELECT count(*) AS n FROM audit_log WHERE action = $1 AND target = $2")
                        .execute(Tuple.of(action, "staff:" + username)))
                .iterator()
                .next()
                .getLong("n");
    }
}
