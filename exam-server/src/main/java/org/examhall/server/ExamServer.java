package org.examhall.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.pgclient.PgBuilder;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.examhall.protocol.config.ConfigException;
import org.examhall.server.archive.ArchiveRoutes;
import org.examhall.server.archive.ClassArchive;
import org.examhall.server.audit.AuditAnchors;
import org.examhall.server.audit.AuditChainVerifier;
import org.examhall.server.audit.AuditChainer;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.audit.AuditRoutes;
import org.examhall.server.bank.BankRoutes;
import org.examhall.server.bank.BankStore;
import org.examhall.server.bank.OperationItemRoutes;
import org.examhall.server.cluster.HazelcastSetup;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.BureauKeys;
import org.examhall.server.crypto.KeyMaterial;
import org.examhall.server.db.BoundedWaitPool;
import org.examhall.server.db.DatabaseEndpoint;
import org.examhall.server.db.EmbeddedDatabase;
import org.examhall.server.db.PrimaryHost;
import org.examhall.server.db.SchemaMigrations;
import org.examhall.server.delivery.DeliveryModule;
import org.examhall.server.events.StaffEvents;
import org.examhall.server.health.Drain;
import org.examhall.server.health.DrainRoutes;
import org.examhall.server.health.HealthRoutes;
import org.examhall.server.health.MetricsAccess;
import org.examhall.server.health.OpenApiRoutes;
import org.examhall.server.health.OperatorGauges;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.ConnectionBudget;
import org.examhall.server.http.Draining;
import org.examhall.server.http.RouteSpec;
import org.examhall.server.http.SignOutProofSessionStore;
import org.examhall.server.institutions.InstitutionsModule;
import org.examhall.server.papers.BankPaperSource;
import org.examhall.server.pii.DataKeyRotation;
import org.examhall.server.pii.PersonRegistry;
import org.examhall.server.pii.PersonRoutes;
import org.examhall.server.province.ProvinceModule;
import org.examhall.server.results.ResultPublication;
import org.examhall.server.site.SiteRoutes;
import org.examhall.server.staff.AuthRoutes;
import org.examhall.server.staff.PasswordHasher;
import org.examhall.server.staff.SignIn;
import org.examhall.server.staff.StaffDirectory;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.staff.StaffRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exam-server node: a clustered Vert.x instance, its database (external or embedded), the
 * migrated schema, the shared services and the HTTP verticles. {@link #start} and {@link #stop} are
 * the whole lifecycle; the command line, the demo (tools module) and the tests all go through them.
 */
public final class ExamServer {

    private static final Logger LOG = LoggerFactory.getLogger(ExamServer.class);
    private static final int DATABASE_CONNECT_TIMEOUT_MS = 5_000;

    private final ExamhallConfig config;
    private final Vertx vertx;
    private final EmbeddedDatabase embedded;
    private final Pool pool;
    private final Services services;
    private final DeliveryModule delivery;
    private final OperatorGauges gauges;
    private final DataKeyRotation rotation;
    private final List<RouteSpec> routes;
    private final int httpPort;
    private final ConnectionBudget connections;
    private final Drain drain;
    private final String httpDeployment;

    private ExamServer(
            ExamhallConfig config,
            Vertx vertx,
            EmbeddedDatabase embedded,
            Pool pool,
            Services services,
            DeliveryModule delivery,
            OperatorGauges gauges,
            DataKeyRotation rotation,
            List<RouteSpec> routes,
            int httpPort,
            ConnectionBudget connections,
            Drain drain,
            String httpDeployment) {
        this.connections = connections;
        this.drain = drain;
        this.httpDeployment = httpDeployment;
        this.config = config;
        this.vertx = vertx;
        this.embedded = embedded;
        this.pool = pool;
        this.services = services;
        this.delivery = delivery;
        this.gauges = gauges;
        this.rotation = rotation;
        this.routes = routes;
        this.httpPort = httpPort;
    }

    /** The services a node shares between its verticles and its command-line tools. */
    public record Services(
            AuditLog audit,
            AuditChainer auditChain,
            StaffDirectory staffDirectory,
            StaffProvisioning staffProvisioning,
            SignIn signIn,
            PersonRegistry persons,
            BankStore bankCatalog) {

        public static Services create(Vertx vertx, Pool pool, ExamhallConfig config, KeyMaterial keys) {
            AuditLog audit = new AuditLog(pool);
            AuditChainer chainer = new AuditChainer(vertx, pool, audit, new AuditAnchors(config.auditAnchorPath()));
            StaffDirectory directory = new StaffDirectory(pool);
            PasswordHasher hasher = new PasswordHasher(config.security.kdfMemoryKiB, config.security.kdfIterations);
            StaffProvisioning provisioning =
                    new StaffProvisioning(vertx, pool, directory, hasher, keys.dataCipher(), audit);
            SignIn signIn =
                    new SignIn(vertx, pool, directory, hasher, keys.dataCipher(), audit, config, Clock.systemUTC());
            PersonRegistry persons = new PersonRegistry(pool, keys, audit);
            BankStore bankCatalog = new BankStore(vertx, pool, audit);
            return new Services(audit, chainer, directory, provisioning, signIn, persons, bankCatalog);
        }
    }

    /** What a node is made of once its services are up, for data put in before its port opens. */
    public record Parts(
            Vertx vertx,
            ExamhallConfig config,
            Pool pool,
            Services services,
            DeliveryModule delivery,
            InstitutionsModule institutions) {}

    /**
     * Data a node puts in before its port opens, so that "ready" means the data is there: the demo's
     * (in the tools module) and nothing for a production node.
     */
    @FunctionalInterface
    public interface Seed {

        Seed NONE = parts -> Future.succeededFuture();

        Future<Void> seed(Parts parts);
    }

    public static Future<ExamServer> start(ExamhallConfig config) {
        return start(config, Seed.NONE);
    }

    /**
     * The configured external database; production mode refuses one that answers beyond loopback in
     * plain text unless {@code sslmode=disable} says so (docs/postgresql.md), demo mode warns.
     */
    public static DatabaseEndpoint externalDatabase(ExamhallConfig config) {
        DatabaseEndpoint endpoint;
        try {
            endpoint = DatabaseEndpoint.parse(config.database.url, config.database.user, config.database.password);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("database.url (EXAMHALL_DB_URL): " + e.getMessage());
        }
        endpoint.plainTextRefusal().ifPresent(reason -> {
            if (!config.demo()) {
                throw new ConfigException(reason);
            }
            LOG.warn("event=database_plain_text mode=demo {}", reason);
        });
        return endpoint;
    }

    /** Sockets to PostgreSQL: a host that went away unannounced is given up on in seconds, not minutes. */
    private static NetClientOptions databaseSockets() {
        return new NetClientOptions()
                .setConnectTimeout(DATABASE_CONNECT_TIMEOUT_MS)
                .setTcpKeepAlive(true);
    }

    public static Future<ExamServer> start(ExamhallConfig config, Seed seed) {
        config.validate();
        // Key files are read and checked here, on the caller's thread, not on the event loop that builds the node.
        KeyMaterial keys = KeyMaterial.from(config);
        BureauKeys bureauKeys = BureauKeys.load(config);
        String nodeName = config.cluster.host + ":" + config.cluster.port;
        String metricsRegistry = "examhall-" + UUID.randomUUID();
        HazelcastClusterManager clusterManager = HazelcastSetup.clusterManager(config.cluster);
        VertxOptions options = new VertxOptions()
                .setMaxEventLoopExecuteTime(config.eventLoops.maxExecuteTimeMs)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(config.eventLoops.checkIntervalMs)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMetricsOptions(new MicrometerMetricsOptions()
                        .setEnabled(true)
                        .setJvmMetricsEnabled(true)
                        .setRegistryName(metricsRegistry)
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
        options.getEventBusOptions().setHost(config.cluster.host).setClusterPublicHost(config.cluster.host);
        AtomicReference<EmbeddedDatabase> embeddedRef = new AtomicReference<>();
        DatabaseEndpoint external = config.database.isEmbedded() ? null : externalDatabase(config);
        return Vertx.builder()
                .with(options)
                .withClusterManager(clusterManager)
                .buildClustered()
                .compose(vertx -> vertx.executeBlocking(
                                () -> {
                                    DatabaseEndpoint endpoint;
                                    if (config.database.isEmbedded()) {
                                        EmbeddedDatabase db = EmbeddedDatabase.start(
                                                config.dataPath().resolve("pg"), config.database.embedded.port);
                                        embeddedRef.set(db);
                                        endpoint = db.endpoint();
                                    } else {
                                        endpoint = external;
                                    }
                                    SchemaMigrations.migrate(endpoint);
                                    LOG.info("event=database_ready endpoint={}", endpoint);
                                    return endpoint;
                                },
                                false)
                        .compose(endpoint -> {
                            // The wait for a connection keeps Vert.x's default bound, kept by BoundedWaitPool, not by
                            // the pool.
                            PrimaryHost primary = new PrimaryHost(vertx, endpoint);
                            primary.bindTo(BackendRegistries.getNow(metricsRegistry));
                            Pool pool = new BoundedWaitPool(
                                    vertx,
                                    PgBuilder.pool()
                                            .with(new PoolOptions()
                                                    .setMaxSize(config.database.poolSize)
                                                    .setShared(false)
                                                    .setConnectionTimeout(0))
                                            .with(databaseSockets())
                                            .connectingTo(primary::connectOptions)
                                            .using(vertx)
                                            .build(),
                                    TimeUnit.SECONDS.toMillis(PoolOptions.DEFAULT_CONNECTION_TIMEOUT));
                            Services services = Services.create(vertx, pool, config, keys);
                            Draining draining = new Draining();
                            DeliveryModule delivery = new DeliveryModule(
                                    vertx,
                                    pool,
                                    config,
                                    keys,
                                    services.audit(),
                                    services.persons(),
                                    new BankPaperSource(vertx, services.bankCatalog()),
                                    BackendRegistries.getNow(metricsRegistry),
                                    bureauKeys,
                                    draining);
                            Drain drain = new Drain(
                                    vertx,
                                    draining,
                                    delivery.autosaves()::inFlight,
                                    TimeUnit.SECONDS.toMillis(config.http.drainSeconds));
                            AtomicReference<List<RouteSpec>> catalog = new AtomicReference<>();
                            AtomicInteger boundPort = new AtomicInteger();
                            List<Consumer<ApiRouter>> capabilities = new ArrayList<>(List.of(
                                    new HealthRoutes(
                                            pool,
                                            primary::current,
                                            clusterManager,
                                            nodeName,
                                            metricsRegistry,
                                            new MetricsAccess(
                                                    config.http.metricsAllowFrom,
                                                    config.http.metricsToken,
                                                    config.http.trustedProxies),
                                            draining)::register,
                                    new DrainRoutes(drain)::register,
                                    new OpenApiRoutes()::register,
                                    new SiteRoutes(config.site.zone())::register,
                                    new AuthRoutes(
                                            services.signIn(),
                                            services.audit(),
                                            new SignOutProofSessionStore(
                                                    vertx,
                                                    TimeUnit.MINUTES.toMillis(config.security.sessionIdleMinutes)),
                                            config.http.trustedProxies)::register,
                                    new StaffRoutes(services.staffDirectory(), services.staffProvisioning())::register,
                                    new AuditRoutes(pool, new AuditChainVerifier(pool), services.auditChain())
                                            ::register,
                                    new PersonRoutes(services.persons(), services.audit())::register,
                                    new StaffEvents(vertx, pool, services.audit())::register,
                                    new BankRoutes(vertx, pool, services.audit(), services.bankCatalog(), nodeName)
                                            ::register,
                                    new OperationItemRoutes(services.bankCatalog())::register));
                            capabilities.addAll(delivery.routes());
                            ProvinceModule province = new ProvinceModule(
                                    vertx,
                                    pool,
                                    config,
                                    keys,
                                    bureauKeys,
                                    services.audit(),
                                    delivery.sessions(),
                                    nodeName);
                            capabilities.add(new ResultPublication(
                                    vertx,
                                    pool,
                                    services.audit(),
                                    province,
                                    delivery.sessions().papers(),
                                    services.bankCatalog())::register);
                            capabilities.add(province::register);
                            InstitutionsModule institutions = new InstitutionsModule(
                                    pool, services.audit(), keys, services.persons(), delivery.sessions());
                            capabilities.add(institutions::register);
                            capabilities.add(new ArchiveRoutes(new ClassArchive(
                                    vertx, pool, services.audit(), institutions.classRecords(), bureauKeys))::register);
                            int instances =
                                    Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
                            ConnectionBudget connections = new ConnectionBudget(config.http.maxConnections);
                            Future<Void> seeded = services.auditChain()
                                    .start()
                                    .compose(chained -> services.bankCatalog().start())
                                    .compose(x -> seed.seed(
                                            new Parts(vertx, config, pool, services, delivery, institutions)));
                            return seeded.compose(x -> vertx.deployVerticle(
                                            () -> new HttpVerticle(
                                                    config, capabilities, catalog::set, boundPort::set, connections),
                                            new DeploymentOptions()
                                                    .setInstances(instances)
                                                    .setThreadingModel(ThreadingModel.EVENT_LOOP))
                                    .map(id -> {
                                        int port = boundPort.get();
                                        LOG.info(
                                                "event=exam_server_started node={} httpPort={} mode={} clusterMembers={}",
                                                nodeName,
                                                port,
                                                config.mode,
                                                clusterManager.getNodes().size());
                                        delivery.start();
                                        province.start();
                                        OperatorGauges gauges = new OperatorGauges(
                                                vertx,
                                                pool,
                                                delivery.presence(),
                                                connections,
                                                clusterManager,
                                                config.dataPath(),
                                                BackendRegistries.getNow(metricsRegistry));
                                        gauges.start();
                                        DataKeyRotation rotation = new DataKeyRotation(
                                                vertx,
                                                pool,
                                                keys.dataCipher(),
                                                services.audit(),
                                                config.security,
                                                BackendRegistries.getNow(metricsRegistry));
                                        rotation.start();
                                        return new ExamServer(
                                                config,
                                                vertx,
                                                embeddedRef.get(),
                                                pool,
                                                services,
                                                delivery,
                                                gauges,
                                                rotation,
                                                catalog.get(),
                                                port,
                                                connections,
                                                drain,
                                                id);
                                    }));
                        })
                        .recover(e -> {
                            // Report the cause first; closing Vert.x and the database happens off the failing context,
                            // whose event loop is about to terminate.
                            LOG.error("event=exam_server_start_failed error={}", e.toString(), e);
                            new Thread(
                                            () -> {
                                                vertx.close();
                                                EmbeddedDatabase db = embeddedRef.get();
                                                if (db != null) {
                                                    db.close();
                                                }
                                            },
                                            "examhall-start-cleanup")
                                    .start();
                            return Future.<ExamServer>failedFuture(e);
                        }));
    }

    /**
     * Blocking: takes the node out of service and waits for the autosaves in flight ({@link Drain}), at most
     * {@code http.drainSeconds}. Call before {@link #stop} from a non-Vert.x thread.
     */
    public void drain() {
        try {
            drain.run().await(config.http.drainSeconds + 5L, TimeUnit.SECONDS);
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("event=drain_failed error={}", e.toString());
        }
    }

    /**
     * Blocking: stops HTTP, the pool, the cluster membership and, last, the embedded database. Call
     * from a non-Vert.x thread (the shutdown hook, a test).
     */
    public void stop() {
        // HTTP first: a request that arrived while the pool was already closing would answer 500 (seen for
        // about 2 s in the rolling-upgrade runs before nginx was drained first).
        try {
            vertx.undeploy(httpDeployment).await(30, TimeUnit.SECONDS);
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("event=http_stop_failed error={}", e.toString());
        }
        gauges.stop();
        rotation.stop();
        delivery.stop();
        services.auditChain().stop();
        try {
            pool.close().await(30, TimeUnit.SECONDS);
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("event=pool_close_failed error={}", e.toString());
        }
        try {
            vertx.close().await(60, TimeUnit.SECONDS);
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("event=vertx_close_failed error={}", e.toString());
        }
        if (embedded != null) {
            embedded.close();
        }
        LOG.info("event=exam_server_stopped node={}", config.cluster.host + ":" + config.cluster.port);
    }

    /** The node's open HTTP connections against its ceiling. */
    public ConnectionBudget connections() {
        return connections;
    }

    public ExamhallConfig config() {
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    public Pool pool() {
        return pool;
    }

    public Services services() {
        return services;
    }

    public DeliveryModule delivery() {
        return delivery;
    }

    public List<RouteSpec> routes() {
        return routes;
    }

    public int httpPort() {
        return httpPort;
    }
}
