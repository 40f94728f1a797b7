package org.examhall.server.province;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.KeyMaterial;
import org.examhall.server.crypto.Sm4Cipher;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.papers.BankCatalog;
import org.examhall.server.sessions.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The provincial platform connector assembled: publication and corrections into the outbox, the delivery worker
 * (one per node) with the HTTP/JSON adapter, the queue view and registration pulls.
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
  private final Sm4Cipher cipher;
  private final ProvinceRoutes routes;
  private final String node;
  private volatile DeliveryWorker worker;

  public ProvinceModule(Vertx vertx, Pool pool, ExamhallConfig config, KeyMaterial keyMaterial, AuditLog audit, Sessions sessions,
                        BankCatalog bank, String node) {
    this(vertx, pool, config, keyMaterial, audit, sessions, bank, node, null);
  }

  /** @param platform the platform to deliver to; null for the HTTP adapter at {@code province.platformUrl} */
  public ProvinceModule(Vertx vertx, Pool pool, ExamhallConfig config, KeyMaterial keyMaterial, AuditLog audit, Sessions sessions,
                        BankCatalog bank, String node, ProvincePlatform platform) {
    this.vertx = vertx;
    this.settings = config.province;
    this.keys = ProvinceKeys.load(config);
    this.cipher = keyMaterial.dataCipher();
    this.outbox = new Outbox(pool, audit);
    this.node = node;
    String url = settings.platformUrl != null && !settings.platformUrl.isBlank() ? settings.platformUrl
        : config.demo() ? DEMO_PLATFORM_URL : null;
    this.platform = platform != null ? platform : url == null ? null : new HttpProvincePlatform(vertx, settings, url);
    ResultPackages packages = new ResultPackages(vertx, keys, cipher,
        new ResultPackages.ExamhallBureau(settings.bureauId, settings.bureauName));
    Corrections corrections = new Corrections(vertx, pool, audit, keys, packages, sessions.papers(), bank);
    this.routes = new ProvinceRoutes(new Publishing(pool, audit, keys, packages), corrections,
        new SessionCorrections(pool, audit, keys, corrections), new ResultHistory(pool), outbox,
        new RegistrationPull(vertx, pool, audit, sessions, this.platform, keys),
        () -> {
          DeliveryWorker running = worker;
          if (running != null) {
            running.wake();
          }
        });
    LOG.info("event=province_connector_ready platform={} signing={}", url == null ? "none" : url, keys.canSign());
  }

  public void register(ApiRouter api) {
    routes.register(api);
  }

  /** Deploys this node's delivery worker; without a platform the packages wait in the outbox. */
  public Future<String> start() {
    if (platform == null) {
      return Future.succeededFuture("no platform configured");
    }
    DeliveryWorker created = new DeliveryWorker(outbox, platform, keys, cipher,
        new Backoff(settings.retry, () -> ThreadLocalRandom.current().nextDouble()), node, settings.batchSize,
        settings.pollIntervalMs, DeliveryWorker.lease(settings.connectTimeoutMs, settings.requestTimeoutMs));
    this.worker = created;
    return vertx.deployVerticle(created, new DeploymentOptions())
        .onFailure(e -> LOG.error("event=province_worker_start_failed error={}", e.toString()));
  }

  /** The bureau's public key, for the platform's registry of signers (and for tests). */
  public java.security.PublicKey bureauPublicKey() {
    return keys.bureauPublicKey();
  }
}
