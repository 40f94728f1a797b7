package org.examhall.server.health;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.function.Supplier;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Draining;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Reply;

/**
 * What an operator and a load balancer look at: {@code /health} (200 only when the database
 * answers and the node is not draining, so a node without its database, or about to stop, is taken out
 * of rotation) and {@code /metrics}.
 */
public final class HealthRoutes {

    private final DatabaseProbe probe;
    private final ClusterManager cluster;
    private final String nodeName;
    private final String metricsRegistry;
    private final Instant startedAt = Instant.now();

    private final MetricsAccess metricsAccess;
    private final Draining draining;

    public HealthRoutes(
            Pool pool,
            Supplier<String> databasePrimary,
            ClusterManager cluster,
            String nodeName,
            String metricsRegistry,
            MetricsAccess metricsAccess,
            Draining draining) {
        this.metricsAccess = metricsAccess;
        this.draining = draining;
        this.probe = new DatabaseProbe(pool, databasePrimary);
        this.cluster = cluster;
        this.nodeName = nodeName;
        this.metricsRegistry = metricsRegistry;
    }

    public void register(ApiRouter api) {
        api.add(HttpMethod.GET, "/health", Access.PUBLIC, "Node and database health", this::health);
        Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(metricsRegistry);
        api.addRaw(
                HttpMethod.GET,
                "/metrics",
                Access.PUBLIC,
                "Prometheus metrics (the configured address ranges or bearer token)",
                ctx -> {
                    if (metricsAccess.allows(ctx)) {
                        scrape.handle(ctx);
                    } else {
                        ctx.fail(Errors.FORBIDDEN.exception());
                    }
                });
    }

    private Future<Reply> health(RoutingContext ctx) {
        return probe.check().map(database -> {
            boolean up = database.getBoolean("up") && !draining.active();
            JsonObject body = new JsonObject()
                    .put("status", draining.active() ? "DRAINING" : up ? "UP" : "DOWN")
                    .put("node", nodeName)
                    .put("startedAt", startedAt.toString())
                    .put("database", database)
                    .put(
                            "cluster",
                            new JsonObject()
                                    .put("members", cluster.getNodes().size())
                                    .put("nodeId", cluster.getNodeId()));
            return new Reply(up ? 200 : 503, body);
        });
    }
}
