package org.examhall.server.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.examhall.protocol.config.ConfigException;

/**
 * The one typed configuration of an exam-server node: read from YAML, then overridden by
 * {@code EXAMHALL_*} environment variables (see {@link EnvironmentOverrides}). Fields are public
 * and mutable only so that Jackson and the overrides can fill them; {@link #validate()} runs once
 * before anything uses the object.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class ExamhallConfig {

    /** {@code production} unless started by {@code ./examhall demo}. */
    public Mode mode = Mode.PRODUCTION;
    /** Everything the node writes locally (embedded database, generated demo keys) lives here. */
    public String dataDir = "./data";
    /** Demo mode only: where the demo's proctor gateway serves live view, as consoles reach it. */
    public String demoGatewayUrl = "http://localhost:8090";

    public Site site = new Site();
    public Http http = new Http();
    public Database database = new Database();
    public Cluster cluster = new Cluster();
    public Security security = new Security();
    public Exam exam = new Exam();
    public Province province = new Province();
    public EventLoops eventLoops = new EventLoops();

    public enum Mode {
        PRODUCTION,
        DEMO
    }

    public boolean demo() {
        return mode == Mode.DEMO;
    }

    public Path auditAnchorPath() {
        return security.auditAnchorFile == null || security.auditAnchorFile.isBlank()
                ? dataPath().resolve("audit-anchors.jsonl")
                : Path.of(security.auditAnchorFile).toAbsolutePath().normalize();
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /** Where the exams take place: every page and export shows times in this zone, whatever the browser's. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Site {
        /** An IANA zone name ({@code Asia/Shanghai}); checked by {@link ExamhallConfig#validate()}. */
        public String timeZone = "Asia/Shanghai";

        public ZoneId zone() {
            return ZoneId.of(timeZone);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Http {
        public String host = "0.0.0.0";
        public int port = 8080;
        /** Largest request body accepted; larger bodies get 413 BODY_TOO_LARGE. Proof uploads need up to 5 MB. */
        public long bodyLimitBytes = 8 * 1024 * 1024;
        /** Set when TLS terminates in front of the node, so cookies carry the Secure flag. */
        public boolean secureCookies = false;
        /**
         * Addresses or address ranges (CIDR) of reverse proxies (nginx, a Kubernetes ingress controller) in
         * front of the node: for requests from them, the client is the last address they add to
         * X-Forwarded-For. Anyone else's header is ignored.
         */
        public List<String> trustedProxies = new ArrayList<>();
        /**
         * Open HTTP connections the node keeps at most; past it requests get 503 with Retry-After. Set it
         * well below the process's file-descriptor limit (docs/operations.md: LimitNOFILE), which must also hold the
         * database pool, the cluster, logs and files.
         */
        public int maxConnections = 15_000;
        /**
         * A connection with nothing sent either way for this long is closed. Browsers keep the extra
         * connections they opened to load a page for minutes; closed, they free a file descriptor each.
         * Staff consoles' WebSockets are pinged every 20 s, so at least 30.
         */
        public int idleTimeoutSeconds = 60;
        /** Address ranges (CIDR) that may scrape /metrics; loopback unless set. */
        public List<String> metricsAllowFrom = new ArrayList<>(List.of("127.0.0.1/32", "::1/128"));
        /** A bearer token that may scrape /metrics from anywhere; none unless set. Never logged. */
        public String metricsToken;
        /**
         * How long a drain (POST /drain, or the process being stopped) waits for the autosaves in flight.
         * Kubernetes' terminationGracePeriodSeconds must exceed it.
         */
        public int drainSeconds = 20;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Database {
        /**
         * {@code postgresql://user:pass@host:port/db} or a {@code jdbc:postgresql://} URL; empty means embedded.
         * Several hosts ({@code h1:p1,h2:p2}) are a primary and its standbys, {@code sslmode} and
         * {@code sslrootcert} set TLS (docs/postgresql.md).
         */
        public String url;

        public String user;
        public String password;
        public int poolSize = 16;
        public Embedded embedded = new Embedded();

        public boolean isEmbedded() {
            return url == null || url.isBlank();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Embedded {
        /** 0 picks a free port at every start. */
        public int port = 54329;
        /**
         * The embedded PostgreSQL runs as its superuser without a password, so production mode refuses
         * it unless this is set, for a test bench that is nobody's exam.
         */
        public boolean allowInProduction = false;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Cluster {
        /** Nodes only join members that use the same cluster name. */
        public String name = "examhall";
        /** Address this member binds to and announces; loopback for a single node. */
        public String host = "127.0.0.1";

        public int port = 5701;
        /** {@code host:port} of other members; empty for a single member. Multicast is never used. */
        public List<String> members = new ArrayList<>();

        public Kubernetes kubernetes = new Kubernetes();
    }

    /** Finding the other members on Kubernetes, instead of {@code cluster.members}. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Kubernetes {
        /**
         * DNS name of the headless Service in front of the nodes' cluster port
         * ({@code exam-server-cluster.examhall.svc.cluster.local}); members are the addresses it resolves to.
         * Empty: not on Kubernetes.
         */
        public String serviceDns;

        public boolean enabled() {
            return serviceDns != null && !serviceDns.isBlank();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Security {
        /** Hex SM4 key (128 bit) for personal data at rest; generated into the data dir in demo mode. */
        public String dataKey;
        /**
         * Hex SM4 keys that {@link #dataKey} replaced, still read while the background re-encryption moves
         * their values to the current key (docs/keys.md). Remove one once {@code ./examhall data-key-status}
         * reports no value under it.
         */
        public List<String> previousDataKeys = new ArrayList<>();
        /** Values the re-encryption moves to the current data key per statement, and how often a node looks. */
        public int reencryptBatch = 100;

        public long reencryptIntervalMs = 60_000;
        /** Hex key (256 bit) for the keyed SM3 blind index of ID numbers. */
        public String indexKey;

        public int sessionIdleMinutes = 30;
        public int lockoutMaxFailures = 5;
        public int lockoutMinutes = 15;
        /** Failed sign-ins one client address may make per lock-out period, over all accounts (per node). */
        public int signInFailuresPerAddress = 50;
        /** Threads that run Argon2 for sign-ins, and how many sign-ins may wait for them before 503 SIGN_IN_BUSY. */
        public int passwordHashThreads = 2;

        public int passwordHashQueue = 64;
        /** Argon2id cost; the defaults follow the OWASP password-storage recommendation. */
        public int kdfMemoryKiB = 19 * 1024;

        public int kdfIterations = 2;
        /**
         * Where this node witnesses the audit chain's head outside the database (one line at most every
         * 30 s and at shutdown); default {@code dataDir/audit-anchors.jsonl}. Keep it where database
         * administrators cannot write.
         */
        public String auditAnchorFile;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Exam {
        /** Accept only terminals running Safe Exam Browser with one of the keys below. */
        public boolean requireSafeExamBrowser = false;

        public List<String> sebConfigKeys = new ArrayList<>();
        public List<String> sebBrowserExamKeys = new ArrayList<>();
        /**
         * How the door compares faces: {@code face_recognition} (face-api's networks on the server;
         * falls back to image similarity, logged, when they cannot load) or {@code image_similarity}
         * (SSIM of the pictures, not biometric: for synthetic test pictures only).
         */
        public FaceCheck faceCheck = FaceCheck.FACE_RECOGNITION;
        /** face_recognition: scores (1 − descriptor distance) below this count as failed attempts. */
        public double faceRecognitionThreshold = 0.45;
        /** image_similarity: SSIM scores below this count as failed attempts. */
        public double faceMatchThreshold = 0.55;
        /** Autosaves written per transaction at most, and transactions open at once (group commit). */
        public int autosaveBatch = 500;

        public int autosaveInFlight = 4;
    }

    public enum FaceCheck {
        FACE_RECOGNITION,
        IMAGE_SIMILARITY
    }

    /** The provincial exam platform: where result packages go and registrations come from. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Province {
        /** Base URL of the platform's HTTP/JSON interface; empty: packages wait in the outbox (demo: the simulator on :8099). */
        public String platformUrl;
        /** This bureau's code at the province; part of every package's idempotency key. */
        public String bureauId = "examhall-bureau";

        public String bureauName = "";
        /** PEM files of the bureau's SM2 key pair (PKCS#8 private, X.509 public); demo mode generates them into dataDir/keys. */
        public String bureauKeyFile;

        public String bureauPublicKeyFile;
        /** PEM file of the platform's SM2 public key, which signs receipts (demo: the simulator's, under dataDir/province-sim). */
        public String platformPublicKeyFile;

        public int connectTimeoutMs = 5000;
        public int requestTimeoutMs = 15000;
        /** How often each node looks for due packages (a publication wakes it at once). */
        public int pollIntervalMs = 5000;
        /** Packages one node claims and sends at once. */
        public int batchSize = 20;

        public Retry retry = new Retry();
    }

    /** Exponential backoff with jitter: initial × multiplier^(attempt−1), capped at max, minus up to jitter × that at random. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Retry {
        public long initialDelayMs = 2000;
        public long maxDelayMs = 10 * 60 * 1000;
        public double multiplier = 2.0;
        public double jitter = 0.5;
    }

    /**
     * Vert.x's watch over its event loops, which must never wait or compute for long: a task that runs
     * longer than the limit is logged as blocking its thread. The defaults are Vert.x's own; the tests
     * tighten them to catch blocking calls (docs/testing.md).
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class EventLoops {
        public long maxExecuteTimeMs = 2000;
        /** How often the watch looks; it sees a task only when a look falls inside it. */
        public long checkIntervalMs = 1000;
    }

    /** Fails fast with a message that names the setting, so a misconfigured node never half-starts. */
    public ExamhallConfig validate() {
        requireZone(site.timeZone);
        require(http.port >= 0 && http.port <= 65535, "http.port must be 0..65535");
        require(http.bodyLimitBytes >= 1024, "http.bodyLimitBytes must be at least 1024");
        require(http.maxConnections >= 1, "http.maxConnections must be at least 1");
        require(
                http.idleTimeoutSeconds >= 30,
                "http.idleTimeoutSeconds must be at least 30 (staff consoles are pinged every 20 s)");
        require(http.drainSeconds >= 1 && http.drainSeconds <= 300, "http.drainSeconds must be 1..300");
        require(database.poolSize >= 1, "database.poolSize must be at least 1");
        require(cluster.port >= 0 && cluster.port <= 65535, "cluster.port must be 0..65535");
        require(cluster.name != null && !cluster.name.isBlank(), "cluster.name must be set");
        require(
                !cluster.kubernetes.enabled() || cluster.members.isEmpty(),
                "cluster.kubernetes.serviceDns (EXAMHALL_CLUSTER_KUBERNETES_SERVICE_DNS) finds the members itself: "
                        + "leave cluster.members (EXAMHALL_CLUSTER_MEMBERS) empty");
        require(
                !cluster.kubernetes.enabled() || cluster.port > 0,
                "cluster.kubernetes.serviceDns needs a fixed cluster.port, the port the Service names");
        require(security.lockoutMaxFailures >= 1, "security.lockoutMaxFailures must be at least 1");
        require(security.lockoutMinutes >= 1, "security.lockoutMinutes must be at least 1");
        require(security.signInFailuresPerAddress >= 1, "security.signInFailuresPerAddress must be at least 1");
        require(
                security.passwordHashThreads >= 1 && security.passwordHashThreads <= 64,
                "security.passwordHashThreads must be from 1 to 64");
        require(security.passwordHashQueue >= 0, "security.passwordHashQueue must not be negative");
        for (String range : http.metricsAllowFrom) {
            try {
                AddressRange.parse(range);
            } catch (IllegalArgumentException e) {
                require(false, "http.metricsAllowFrom must list address ranges such as 10.0.0.0/8, got " + range);
            }
        }
        for (String proxy : http.trustedProxies) {
            try {
                AddressRange.parse(proxy);
            } catch (IllegalArgumentException | NullPointerException e) {
                require(
                        false,
                        "http.trustedProxies must list IP addresses or ranges such as 10.0.0.7 or 10.244.0.0/16, got "
                                + proxy);
            }
        }
        require(security.sessionIdleMinutes >= 1, "security.sessionIdleMinutes must be at least 1");
        require(security.kdfMemoryKiB >= 8 * 1024, "security.kdfMemoryKiB must be at least 8192");
        require(security.kdfIterations >= 1, "security.kdfIterations must be at least 1");
        require(
                exam.faceMatchThreshold > 0 && exam.faceMatchThreshold <= 1,
                "exam.faceMatchThreshold must be in (0, 1]");
        require(
                exam.faceRecognitionThreshold > 0 && exam.faceRecognitionThreshold <= 1,
                "exam.faceRecognitionThreshold must be in (0, 1]");
        require(exam.faceCheck != null, "exam.faceCheck must be face_recognition or image_similarity");
        require(
                exam.autosaveBatch >= 1 && exam.autosaveInFlight >= 1,
                "exam.autosaveBatch and exam.autosaveInFlight must be at least 1");
        require(
                !exam.requireSafeExamBrowser || !exam.sebConfigKeys.isEmpty() || !exam.sebBrowserExamKeys.isEmpty(),
                "exam.requireSafeExamBrowser needs at least one SEB config key or browser exam key");
        require(
                province.connectTimeoutMs >= 50 && province.requestTimeoutMs >= 50,
                "province.connectTimeoutMs and province.requestTimeoutMs must be at least 50");
        require(province.pollIntervalMs >= 10, "province.pollIntervalMs must be at least 10");
        require(province.batchSize >= 1 && province.batchSize <= 500, "province.batchSize must be 1..500");
        require(
                province.retry.initialDelayMs >= 1 && province.retry.maxDelayMs >= province.retry.initialDelayMs,
                "province.retry.initialDelayMs must be at least 1 and at most province.retry.maxDelayMs");
        require(province.retry.multiplier >= 1, "province.retry.multiplier must be at least 1");
        require(province.retry.jitter >= 0 && province.retry.jitter <= 1, "province.retry.jitter must be in [0, 1]");
        require(
                eventLoops.maxExecuteTimeMs >= 1 && eventLoops.checkIntervalMs >= 1,
                "eventLoops.maxExecuteTimeMs and eventLoops.checkIntervalMs must be at least 1");
        require(
                province.bureauId != null && province.bureauId.matches("[A-Za-z0-9._-]{1,64}"),
                "province.bureauId must be 1..64 letters, digits, '.', '_' or '-'");
        if (!demo() && province.platformUrl != null && !province.platformUrl.isBlank()) {
            require(
                    province.bureauKeyFile != null
                            && province.bureauPublicKeyFile != null
                            && province.platformPublicKeyFile != null,
                    "province.platformUrl needs province.bureauKeyFile, province.bureauPublicKeyFile and province.platformPublicKeyFile");
        }
        require(
                security.reencryptBatch >= 1 && security.reencryptBatch <= 10_000,
                "security.reencryptBatch must be in [1, 10000]");
        require(security.reencryptIntervalMs >= 100, "security.reencryptIntervalMs must be at least 100");
        if (!demo()) {
            require(
                    security.dataKey != null && !security.dataKey.isBlank(),
                    "security.dataKey (EXAMHALL_DATA_KEY) is required outside demo mode");
            require(
                    security.indexKey != null && !security.indexKey.isBlank(),
                    "security.indexKey (EXAMHALL_INDEX_KEY) is required outside demo mode");
            require(
                    !database.isEmbedded() || database.embedded.allowInProduction,
                    "production mode does not run on the embedded PostgreSQL, whose superuser has no password: set database.url "
                            + "(EXAMHALL_DB_URL) with a role and password of its own (docs/operations.md, Deployment), or database.embedded.allowInProduction "
                            + "for a test bench");
        }
        return this;
    }

    private static void requireZone(String timeZone) {
        require(timeZone != null && !timeZone.isBlank(), "site.timeZone must be set, e.g. Asia/Shanghai");
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new ConfigException(
                    "site.timeZone (EXAMHALL_SITE_TIME_ZONE) must be a time zone such as Asia/Shanghai or UTC+08:00, got: "
                            + timeZone,
                    e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }
}
