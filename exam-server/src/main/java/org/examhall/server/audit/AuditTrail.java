package org.examhall.server.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/** The audit entries as an auditor pages through them. */
final class AuditTrail {

    private final Pool pool;
    private final AuditChainer chainer;

    AuditTrail(Pool pool, AuditChainer chainer) {
        this.pool = pool;
        this.chainer = chainer;
    }

    /** One page: its entries, whether another follows, and the cursor that reads the next. */
    Future<JsonObject> page(AuditQuery query) {
        // What was audited before this request is chained first, so an auditor never misses a fresh entry.
        return chainer.flush()
                .compose(x -> pool.preparedQuery(query.sql()).execute(query.arguments()))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(row -> {
                        if (out.size() < query.limit()) {
                            out.add(entry(row));
                        }
                    });
                    boolean more = rows.size() > query.limit();
                    Long next = more ? out.getJsonObject(out.size() - 1).getLong("seq") : null;
                    return new JsonObject()
                            .put("entries", out)
                            .put("hasMore", more)
                            .put("next", next);
                });
    }

    private static JsonObject entry(Row row) {
        return new JsonObject()
                .put("seq", row.getLong("seq"))
                .put(
                        "occurredAt",
                        row.getOffsetDateTime("occurred_at").toInstant().toString())
                .put("actor", row.getString("actor"))
                .put("actorRole", row.getString("actor_role"))
                .put("action", row.getString("action"))
                .put("target", row.getString("target"))
                .put("requestId", row.getString("request_id"))
                .put("details", new JsonObject(row.getString("details")))
                .put("hash", row.getString("hash"));
    }
}
