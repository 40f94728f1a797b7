package org.examhall.server.testing;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.bouncycastle.util.encoders.Hex;
import org.examhall.bank.demo.DemoBank;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.server.ExamServer;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.bank.BankSeed;
import org.examhall.server.bank.BankStore;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;

/**
 * A real exam-server node for tests: clustered Vert.x, a real embedded PostgreSQL, production mode
 * (TOTP enforced), on free ports, with a cluster name of its own so it never joins a running demo.
 * {@link #shared()} is one node for the whole test JVM; tests that need their own nodes start them.
 */
public final class TestServer implements AutoCloseable {

    static final long EVENT_LOOP_LIMIT_MS = 100;
    static final long EVENT_LOOP_CHECK_MS = 25;

    private static TestServer shared;
    private static PublicKey sharedBureauKey;

    private final ExamServer server;

    private TestServer(ExamServer server) {
        this.server = server;
    }

    public static synchronized TestServer shared() {
        if (shared == null) {
            ExamhallConfig config = newConfig();
            // Viewing tickets for the room cameras are signed with the bureau's key: the shared node has one.
            sharedBureauKey = withBureauKeys(config);
            shared = start(config);
            // The shared node is in production mode, which seeds nothing: give it the demo bank the tests schedule
            // from.
            seedDemoBank(shared.server);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** The library's demo bank loaded into a node's empty bank, as the demo loads it: what the tests schedule from. */
    public static void seedDemoBank(ExamServer node) {
        seedDemoBank(node.services().bankCatalog(), node.services().audit());
    }

    /** The same into a started bank store of a database no node of this JVM runs on. */
    public static void seedDemoBank(BankStore store, AuditLog audit) {
        DemoBank demo = DemoBank.load();
        await(BankSeed.seed(store, audit, demo.bank(), demo.blueprints(), Actor.system("demo")));
    }

    /** The public half of the shared node's bureau key pair. */
    public static PublicKey sharedBureauKey() {
        shared();
        return sharedBureauKey;
    }

    /** Gives a node a bureau SM2 key pair of its own, generated into its data directory; returns the public half. */
    public static PublicKey withBureauKeys(ExamhallConfig config) {
        Path keys = Path.of(config.dataDir).toAbsolutePath().resolve("bureau-keys");
        try {
            PublicKey key = Sm2.loadOrCreate(keys.resolve("bureau-key.pem"), keys.resolve("bureau-public.pem"))
                    .getPublic();
            config.province.bureauKeyFile = keys.resolve("bureau-key.pem").toString();
            config.province.bureauPublicKeyFile =
                    keys.resolve("bureau-public.pem").toString();
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A production-mode configuration on free ports in a fresh data directory; tests adjust it as needed. */
    public static ExamhallConfig newConfig() {
        ExamhallConfig config = new ExamhallConfig();
        String id = UUID.randomUUID().toString().substring(0, 8);
        config.dataDir = Path.of(System.getProperty("examhall.test.workdir", "target/test-work"), id)
                .toString();
        config.http.host = "127.0.0.1";
        config.http.port = freePort();
        config.database.embedded.port = freePort();
        config.cluster.name = "examhall-test-" + id;
        config.cluster.host = "127.0.0.1";
        config.cluster.port = freePort();
        // The tests' candidates are drawn pictures (Photos), which hold no face for the face
        // recognition networks: compare them by image similarity. FaceRecognitionCheckInTest and the
        // tests in checkin.face run the real face check on real photos.
        config.exam.faceCheck = ExamhallConfig.FaceCheck.IMAGE_SIMILARITY;
        config.security.dataKey = randomHex(16);
        config.security.indexKey = randomHex(32);
        // The smallest accepted KDF cost: the tests sign in often and only the rules matter here.
        config.security.kdfMemoryKiB = 8 * 1024;
        config.security.kdfIterations = 1;
        // Every test signs in from loopback, some with wrong passwords on purpose; the per-address
        // throttle has its own test on its own node.
        config.security.signInFailuresPerAddress = 100_000;
        config.database.embedded.allowInProduction = true;
        // Event loops must never wait: a task past 100 ms is reported, looked at every 25 ms so that a
        // task is seen more than once; EventLoopGuard fails the test if the task really blocked.
        config.eventLoops.maxExecuteTimeMs = EVENT_LOOP_LIMIT_MS;
        config.eventLoops.checkIntervalMs = EVENT_LOOP_CHECK_MS;
        return config;
    }

    public static TestServer start(ExamhallConfig config) {
        return start(config, ExamServer.Seed.NONE);
    }

    /** A node that puts {@code seed}'s data in before its port opens (the demo's, in the tools module). */
    public static TestServer start(ExamhallConfig config, ExamServer.Seed seed) {
        EventLoopProblems.install();
        try {
            return new TestServer(ExamServer.start(config, seed).await(3, TimeUnit.MINUTES));
        } catch (TimeoutException e) {
            throw new IllegalStateException("test server did not start in time", e);
        }
    }

    public static TestServer start(Consumer<ExamhallConfig> customise) {
        ExamhallConfig config = newConfig();
        customise.accept(config);
        return start(config);
    }

    public ExamServer server() {
        return server;
    }

    /** Links every audit entry committed so far into the hash chain, as the node does within a moment. */
    public void chainAudit() {
        await(server.services().auditChain().flush());
    }

    public int port() {
        return server.httpPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public ApiClient client() {
        return new ApiClient(server.vertx(), port());
    }

    /** Creates an account directly (as the command-line tool would); roles that need TOTP get a secret. */
    public StaffProvisioning.Created createStaff(String username, String password, Role role) {
        return await(server.services()
                .staffProvisioning()
                .create(
                        username,
                        username + " (test)",
                        role,
                        password,
                        role.requiresSecondFactor(),
                        Actor.system("test")));
    }

    /** A unique username for one test, so tests sharing a server never collide. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.await(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * A port free now and never handed out before in this JVM. A restarted node keeps its database port and takes new
     * HTTP and cluster ports; without the memory, the new cluster port could be the database's (free while it is
     * stopped), and Hazelcast would take it before PostgreSQL came back, which then waited out its whole start timeout.
     */
    public static synchronized int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private static String randomHex(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Hex.toHexString(key);
    }
}
