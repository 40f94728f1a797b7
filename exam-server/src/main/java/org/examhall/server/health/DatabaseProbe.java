package org.examhall.server.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Whether the database answers, and how fast: the part of {@code /health} a load balancer acts on. */
final class DatabaseProbe {

    private final Pool pool;
    private final Supplier<String> primary;

    DatabaseProbe(Pool pool, Supplier<String> primary) {
        this.pool = pool;
        this.primary = primary;
    }

    /**
     * Never fails: {@code up} with the round trip's latency, or not {@code up} with the kind of error; with
     * the host the node writes to ({@code primary}, {@code none} while no host is primary).
     */
    Future<JsonObject> check() {
        long start = System.nanoTime();
        return pool.query("SELECT 1")
                .execute()
                .timeout(3, TimeUnit.SECONDS)
                .map(rows ->
                        new JsonObject().put("up", true).put("latencyMs", (System.nanoTime() - start) / 1_000_000.0))
                .otherwise(e -> new JsonObject()
                        .put("up", false)
                        .put("error", e.getClass().getSimpleName()))
                .map(database -> database.put("primary", primary.get()));
    }
}
