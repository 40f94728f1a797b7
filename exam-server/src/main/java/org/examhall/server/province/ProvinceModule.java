package org.examhall.server.province;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.security.PublicKey;
import java.util.concurrent.ThreadLocalRandom;
import org.examhall.protocol.retry.Backoff;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.BureauKeys;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.crypto.KeyMaterial;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.sessions.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provincial platform connector assembled: the outbox that publication and corrections ({@code results})
 * fill, the delivery worker (one per node) with the HTTP/JSON adapter, the queue view and registration pulls.
 */
public final class ProvinceModule {

    /** Where {@code ./examhall demo} finds {@code ./examhall province-sim} when no platform URL is configured. */
    public static final String DEMO_PLATFORM_URL = "http://localhost:8099";

    private static final Logger LOG = LoggerFactory.getLogger(ProvinceModule.class);

    private final Vertx vertx;
    private final ExamhallConfig.Province settings;
    private final ProvinceKeys keys;
    private final Outbox outbox;
    private final ProvincePlatform platform;
    private final DataKeyRing cipher;
    private final ResultPackages packages;
    private final ProvinceRoutes routes;
    private final String node;
    private volatile DeliveryWorker worker;

    public ProvinceModule(
            Vertx vertx,
            Pool pool,
            ExamhallConfig config,
            KeyMaterial keyMaterial,
            BureauKeys bureauKeys,
            AuditLog audit,
            Sessions sessions,
            String node) {
        this(vertx, pool, config, keyMaterial, bureauKeys, audit, sessions, node, null);
    }

    /** @param platform the platform to deliver to; null for the HTTP adapter at {@code province.platformUrl} */
    public ProvinceModule(
            Vertx vertx,
            Pool pool,
            ExamhallConfig config,
            KeyMaterial keyMaterial,
            BureauKeys bureauKeys,
            AuditLog audit,
            Sessions sessions,
            String node,
            ProvincePlatform platform) {
        this.vertx = vertx;
        this.settings = config.province;
        this.keys = ProvinceKeys.of(config, bureauKeys);
        this.cipher = keyMaterial.dataCipher();
        this.outbox = new Outbox(pool, audit);
        this.node = node;
        String url = settings.platformUrl != null && !settings.platformUrl.isBlank()
                ? settings.platformUrl
                : config.demo() ? DEMO_PLATFORM_URL : null;
        this.platform =
                platform != null ? platform : url == null ? null : new HttpProvincePlatform(vertx, settings, url);
        this.packages = new ResultPackages(
                vertx, keys, cipher, new ResultPackages.ExamhallBureau(settings.bureauId, settings.bureauName));
        this.routes = new ProvinceRoutes(
                outbox, new RegistrationPull(vertx, pool, audit, sessions, this.platform, keys), this::wake);
        LOG.info("event=province_connector_ready platform={} signing={}", url == null ? "none" : url, keys.canSign());
    }

    public void register(ApiRouter api) {
        routes.register(api);
    }

    /** The keys that sign result packages; whether they can sign decides whether results may be published. */
    public ProvinceKeys keys() {
        return keys;
    }

    /** Where publication and corrections build their signed packages and queue them. */
    public ResultPackages packages() {
        return packages;
    }

    /** Sends what was just queued now rather than at the delivery worker's next poll. */
    public void wake() {
        DeliveryWorker running = worker;
        if (running != null) {
            running.wake();
        }
    }

    /** Deploys this node's delivery worker; without a platform the packages wait in the outbox. */
    public Future<String> start() {
        if (platform == null) {
            return Future.succeededFuture("no platform configured");
        }
        DeliveryWorker created = new DeliveryWorker(
                outbox,
                platform,
                keys,
                cipher,
                new Backoff(
                        settings.retry.initialDelayMs,
                        settings.retry.multiplier,
                        settings.retry.maxDelayMs,
                        settings.retry.jitter,
                        () -> ThreadLocalRandom.current().nextDouble()),
                node,
                settings.batchSize,
                settings.pollIntervalMs,
                DeliveryWorker.lease(settings.connectTimeoutMs, settings.requestTimeoutMs));
        this.worker = created;
        return vertx.deployVerticle(created, new DeploymentOptions())
                .onFailure(e -> LOG.error("event=province_worker_start_failed error={}", e.toString()));
    }

    /** The bureau's public key, for the platform's registry of signers (and for tests). */
    public PublicKey bureauPublicKey() {
        return keys.bureauPublicKey();
    }
}
