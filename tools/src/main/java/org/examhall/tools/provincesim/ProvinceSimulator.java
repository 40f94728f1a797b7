package org.examhall.tools.provincesim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.pii.ResidentIdNumber;
import org.examhall.server.province.Envelope;
import org.examhall.server.province.Receipt;
import org.examhall.server.province.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the provincial exam platform, for the demo and the tests: it verifies the SM2
 * signature of every result package against the bureau keys it knows, stores each package once
 * per idempotency key, answers with a receipt signed by its own SM2 key, serves registrations
 * (统一报名入口), and can be told to fail, be slow, answer twice or lose its receipt. Its page at
 * {@code /} shows what it received. The admin endpoints have no authentication: bind it to
 * loopback (the default).
 */
public final class ProvinceSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProvinceSimulator.class);

    /** How the simulator answers deliveries. */
    public enum Mode {
        /** Verify, store, receipt. */
        NORMAL,
        /** HTTP 503 before looking at the package: the platform is down for maintenance. */
        FAIL,
        /** Wait {@code delayMs}, then as normal. */
        SLOW,
        /** Process the delivery twice (as a network that repeats a request would), then answer once. */
        DUPLICATE,
        /** Store the package but answer 503, as if the receipt were lost on the way back. */
        LOSE_RECEIPT
    }

    /** @param bureauKeys PEM files of the bureau public keys whose signatures are accepted (read when first needed) */
    public record Options(String host, int port, Path dataDir, List<Path> bureauKeys) {}

    private final Vertx vertx;
    private final HttpServer server;
    private final Options options;
    private final KeyPair platformKeys;
    private final ReceivedPackages store;
    private final Map<String, PublicKey> bureauKeys = new ConcurrentHashMap<>();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final Counters counters = new Counters();
    private volatile Mode mode = Mode.NORMAL;
    private volatile long delayMs = 0;

    /** Requests seen, by what became of them. */
    static final class Counters {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong stored = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong inFlight = new AtomicLong();

        JsonObject toJson() {
            return new JsonObject()
                    .put("requests", requests.get())
                    .put("stored", stored.get())
                    .put("duplicates", duplicates.get())
                    .put("rejected", rejected.get())
                    .put("failedOnPurpose", failed.get())
                    .put("inFlight", inFlight.get());
        }
    }

    private ProvinceSimulator(Vertx vertx, Options options, KeyPair platformKeys, ReceivedPackages store) {
        this.vertx = vertx;
        this.options = options;
        this.platformKeys = platformKeys;
        this.store = store;
        this.server = vertx.createHttpServer();
    }

    /** Starts on its own (non-clustered) Vert.x; blocks until it listens. */
    public static ProvinceSimulator start(Options options) {
        KeyPair keys;
        try {
            keys = Sm2.loadOrCreate(
                    options.dataDir().resolve("platform-key.pem"),
                    options.dataDir().resolve("platform-public.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read or create the simulator's SM2 key pair in " + options.dataDir(), e);
        }
        Vertx vertx = Vertx.vertx();
        ProvinceSimulator simulator =
                new ProvinceSimulator(vertx, options, keys, new ReceivedPackages(options.dataDir()));
        try {
            simulator
                    .server
                    .requestHandler(simulator.router())
                    .listen(options.port(), options.host())
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException(
                    "the province simulator cannot listen on " + options.host() + ":" + options.port() + ": " + e, e);
        }
        LOG.info(
                "event=province_simulator_started port={} dataDir={} packages={}",
                simulator.port(),
                options.dataDir(),
                simulator.store.all().size());
        return simulator;
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://" + ("0.0.0.0".equals(options.host()) ? "127.0.0.1" : options.host()) + ":" + port();
    }

    public PublicKey platformPublicKey() {
        return platformKeys.getPublic();
    }

    public void behave(Mode next, long nextDelayMs) {
        this.delayMs = Math.max(0, nextDelayMs);
        this.mode = next;
        LOG.info("event=province_simulator_mode mode={} delayMs={}", next, this.delayMs);
    }

    /** The stored envelopes, one per idempotency key. */
    public List<JsonObject> packages() {
        return store.all().stream().map(ReceivedPackages.Stored::toJson).toList();
    }

    public long linesOnDisk() {
        return store.linesOnDisk();
    }

    public JsonObject counters() {
        return counters.toJson();
    }

    /** A registration as the province issues it, signed with the platform's key. */
    public Registration addRegistration(String fullName, String idNumber, String operationItem, String institution) {
        return addRegistration(fullName, idNumber, operationItem, institution, null);
    }

    /** As above, with the photo taken at registration (Base64 JPEG or PNG). */
    public Registration addRegistration(
            String fullName, String idNumber, String operationItem, String institution, String photo) {
        return register(fullName, idNumber, operationItem, institution, photo, platformKeys.getPrivate());
    }

    /**
     * A registration the province never issued, as something between the platform and the bureau
     * would inject it: signed with a key of its own, so a connector that checks signatures refuses it.
     */
    public Registration addForgedRegistration(
            String fullName, String idNumber, String operationItem, String institution) {
        return register(
                fullName,
                idNumber,
                operationItem,
                institution,
                null,
                Sm2.generate().getPrivate());
    }

    private Registration register(
            String fullName, String idNumber, String operationItem, String institution, String photo, PrivateKey key) {
        synchronized (registrations) {
            long seq = registrations.size() + 1L;
            Registration r = new Registration(
                            seq,
                            String.format("REG-%06d", seq),
                            fullName,
                            idNumber,
                            operationItem,
                            institution,
                            photo,
                            null)
                    .signedWith(key);
            registrations.add(r);
            return r;
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("event=province_simulator_close_failed error={}", e.toString());
        }
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(2 * 1024 * 1024));
        router.post("/packages").handler(this::receive);
        router.get("/packages")
                .handler(ctx -> json(ctx, 200, new JsonObject().put("packages", new JsonArray(packages()))));
        router.get("/registrations").handler(this::registrations);
        router.get("/platform-key")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "application/x-pem-file")
                        .end(Sm2.pem(platformKeys.getPublic())));
        router.get("/admin/state").handler(ctx -> json(ctx, 200, state()));
        router.post("/admin/behaviour").handler(this::behaviour);
        router.post("/admin/registrations").handler(this::register);
        router.get("/")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "text/html; charset=utf-8")
                        .end(SimulatorPage.render(state(), store.all(), registrations)));
        return router;
    }

    private JsonObject state() {
        return new JsonObject()
                .put("mode", mode.name())
                .put("delayMs", delayMs)
                .put("counters", counters.toJson())
                .put("platformKeyId", Sm2.keyId(platformKeys.getPublic()))
                .put("knownBureauKeys", new JsonArray(new ArrayList<>(bureauKeys.keySet())));
    }

    private void receive(RoutingContext ctx) {
        counters.requests.incrementAndGet();
        Mode now = mode;
        if (now == Mode.FAIL) {
            counters.failed.incrementAndGet();
            error(ctx, 503, "PLATFORM_UNAVAILABLE", "省级平台维护中（模拟）", "The platform is down for maintenance (simulated)");
            return;
        }
        counters.inFlight.incrementAndGet();
        long delay = now == Mode.SLOW ? delayMs : 0;
        Future<Void> waited =
                delay == 0 ? Future.succeededFuture() : vertx.timer(delay).mapEmpty();
        waited.compose(x -> vertx.executeBlocking(() -> process(ctx, now), true))
                .onComplete(done -> {
                    counters.inFlight.decrementAndGet();
                    if (done.failed()) {
                        LOG.warn(
                                "event=province_simulator_failed error={}",
                                done.cause().toString());
                        error(
                                ctx,
                                500,
                                "INTERNAL_ERROR",
                                "模拟平台内部错误",
                                "Simulator error: " + done.cause().getMessage());
                    } else {
                        Answer answer = done.result();
                        json(ctx, answer.status(), answer.body());
                    }
                });
    }

    private record Answer(int status, JsonObject body) {}

    /** Worker thread: checks and stores one delivery (twice in DUPLICATE mode). */
    private Answer process(RoutingContext ctx, Mode now) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        if (body == null) {
            return rejected(400, "INVALID_JSON", "请求体不是 JSON 对象", "The body is not a JSON object");
        }
        Envelope envelope;
        try {
            envelope = Envelope.fromJson(body);
        } catch (IllegalArgumentException e) {
            return rejected(
                    400,
                    "ENVELOPE_INVALID",
                    "信封格式不正确：" + e.getMessage(),
                    "The envelope is not valid: " + e.getMessage());
        }
        String header = ctx.request().getHeader("Idempotency-Key");
        if (header != null && !header.equals(envelope.idempotencyKey())) {
            return rejected(
                    400,
                    "IDEMPOTENCY_KEY_MISMATCH",
                    "请求头与信封中的幂等键不一致",
                    "The Idempotency-Key header differs from the envelope's key");
        }
        PublicKey signer = bureauKey(envelope.keyId());
        if (signer == null) {
            return rejected(
                    422,
                    "UNKNOWN_SIGNER",
                    "未登记的考试机构签名密钥：" + envelope.keyId(),
                    "No registered bureau key has the id " + envelope.keyId());
        }
        if (!Sm2.verify(signer, envelope.packageJson(), envelope.signature())) {
            return rejected(
                    422,
                    "SIGNATURE_INVALID",
                    "SM2 签名验证失败：成绩包内容与签名不符",
                    "The SM2 signature does not verify: the package was altered or signed with another key");
        }
        String problem = packageProblem(envelope);
        if (problem != null) {
            return rejected(422, "PACKAGE_INVALID", "成绩包内容不一致：" + problem, "The package is inconsistent: " + problem);
        }
        String receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ReceivedPackages.Accepted accepted;
        try {
            accepted = accept(envelope, receivedAt, body);
        } catch (ReceivedPackages.OutOfOrder e) {
            return rejected(409, "SUPERSEDED_VERSION_UNKNOWN", e.zh, e.getMessage());
        }
        if (now == Mode.DUPLICATE) {
            accept(envelope, receivedAt, body); // the repeated request: recognised by its key, stored no second time
        }
        if (now == Mode.LOSE_RECEIPT) {
            return new Answer(
                    503, errorBody("RECEIPT_LOST", "回执在途中丢失（模拟）", "The receipt was lost on the way back (simulated)"));
        }
        return new Answer(
                200,
                Receipt.sign(
                                platformKeys.getPrivate(),
                                envelope.idempotencyKey(),
                                accepted.stored().receivedAt(),
                                accepted.duplicate())
                        .toJson());
    }

    private ReceivedPackages.Accepted accept(Envelope envelope, String receivedAt, JsonObject body) {
        ReceivedPackages.Accepted accepted =
                store.accept(envelope.idempotencyKey(), receivedAt, body, ReceivedPackages.Lineage.of(body));
        (accepted.duplicate() ? counters.duplicates : counters.stored).incrementAndGet();
        LOG.info(
                "event=province_simulator_package key={} duplicate={}",
                envelope.idempotencyKey(),
                accepted.duplicate());
        return accepted;
    }

    /** The signed package must name the envelope's key and bureau, and the key must be the one its fields give. */
    private static String packageProblem(Envelope envelope) {
        JsonObject pkg;
        try {
            pkg = new JsonObject(envelope.packageJson());
        } catch (DecodeException e) {
            return "the package is not a JSON object";
        }
        JsonObject bureau = pkg.getValue("bureau") instanceof JsonObject b ? b : new JsonObject();
        if (!envelope.idempotencyKey().equals(pkg.getValue("idempotencyKey"))) {
            return "idempotencyKey differs from the envelope's";
        }
        if (!envelope.bureauId().equals(bureau.getValue("id"))) {
            return "bureau.id differs from the envelope's bureauId";
        }
        Object supersedes = pkg.getValue("supersedes");
        if (!(pkg.getValue("version") instanceof Integer version)
                || !(supersedes == null
                        ? version == 1
                        : supersedes instanceof Integer previous && version == previous + 1)) {
            return "version must be 1 with supersedes null, or supersedes + 1";
        }
        String expected =
                Sm3.hex((envelope.bureauId() + "|" + pkg.getValue("sittingId") + "|" + pkg.getValue("version"))
                        .getBytes(StandardCharsets.UTF_8));
        return expected.equals(envelope.idempotencyKey())
                ? null
                : "idempotencyKey is not SM3(bureauId|sittingId|version)";
    }

    private PublicKey bureauKey(String keyId) {
        PublicKey known = bureauKeys.get(keyId);
        if (known != null) {
            return known;
        }
        for (Path file : options.bureauKeys()) {
            try {
                if (Files.exists(file)) {
                    PublicKey key = Sm2.readPublic(file);
                    bureauKeys.put(Sm2.keyId(key), key);
                }
            } catch (IOException e) {
                LOG.warn("event=province_simulator_bureau_key_unreadable file={} error={}", file, e.getMessage());
            }
        }
        return bureauKeys.get(keyId);
    }

    private Answer rejected(int status, String code, String zh, String en) {
        counters.rejected.incrementAndGet();
        LOG.warn("event=province_simulator_rejected code={}", code);
        return new Answer(status, errorBody(code, zh, en));
    }

    private void registrations(RoutingContext ctx) {
        long since;
        try {
            since = Long.parseLong(
                    ctx.queryParams().get("since") == null
                            ? "0"
                            : ctx.queryParams().get("since"));
        } catch (NumberFormatException e) {
            error(ctx, 400, "VALIDATION_FAILED", "since 必须是整数", "since must be a whole number");
            return;
        }
        String item = ctx.queryParams().get("operationItem");
        JsonArray out = new JsonArray();
        registrations.stream()
                .filter(r -> r.seq() > since && (item == null || item.equals(r.operationItem())))
                .forEach(r -> out.add(r.toJson()));
        json(ctx, 200, new JsonObject().put("registrations", out));
    }

    private void register(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            String id = body.getString("idNumber");
            if (ResidentIdNumber.parse(id).isEmpty() && !Boolean.TRUE.equals(body.getBoolean("allowInvalid"))) {
                error(ctx, 400, "INVALID_ID_NUMBER", "身份证号无效", "The ID number is not valid");
                return;
            }
            Registration added = Boolean.TRUE.equals(body.getBoolean("forged"))
                    ? addForgedRegistration(
                            body.getString("fullName"),
                            id,
                            body.getString("operationItem"),
                            body.getString("institution", ""))
                    : addRegistration(
                            body.getString("fullName"),
                            id,
                            body.getString("operationItem"),
                            body.getString("institution", ""),
                            body.getString("photo"));
            json(ctx, 201, added.toJson());
        } catch (RuntimeException e) {
            error(
                    ctx,
                    400,
                    "VALIDATION_FAILED",
                    "需要 fullName、idNumber、operationItem",
                    "fullName, idNumber and operationItem are required");
        }
    }

    private void behaviour(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            Mode next = Mode.valueOf(
                    body.getString("mode").trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            behave(next, body.getLong("delayMs", 0L));
            json(ctx, 200, state());
        } catch (RuntimeException e) {
            error(
                    ctx,
                    400,
                    "VALIDATION_FAILED",
                    "mode 必须是 normal、fail、slow、duplicate 或 lose-receipt",
                    "mode must be normal, fail, slow, duplicate or lose-receipt");
        }
    }

    private static JsonObject errorBody(String code, String zh, String en) {
        return new JsonObject()
                .put("code", code)
                .put("message", new JsonObject().put("zh", zh).put("en", en));
    }

    private static void error(RoutingContext ctx, int status, String code, String zh, String en) {
        json(ctx, status, errorBody(code, zh, en));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(body.toBuffer());
        }
    }
}
