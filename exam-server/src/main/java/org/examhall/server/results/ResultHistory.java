package org.examhall.server.results;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.db.Rows;
import org.examhall.server.sessions.SessionErrors;

/**
 * A sitting's result as the province received it over time: the first publication and every
 * correction (kind, reason, keys, before and after, who and when), each version with its package
 * hash and delivery status. The bureau's view and the class archive (一期一档) read the same history.
 */
public final class ResultHistory {

    private final Pool pool;

    public ResultHistory(Pool pool) {
        this.pool = pool;
    }

    /** A sitting's versions: the first publication and every correction, each with its delivery status. */
    public Future<JsonObject> of(long sittingId) {
        return pool.preparedQuery("""
            SELECT o.version, o.supersedes, o.status, o.attempts, o.last_error, o.delivered_at, o.created_at, o.idempotency_key,
                   o.outcome, o.package_hash, c.kind, c.reason, c.key_corrections, c.score_before, c.score_after, c.passed_before,
                   c.passed_after, c.outcome_before, c.corrected_by, c.corrected_at
              FROM province_outbox o LEFT JOIN result_correction c ON c.sitting_id = o.sitting_id AND c.version = o.version
             WHERE o.sitting_id = $1 ORDER BY o.version""")
                .execute(Tuple.of(sittingId))
                .compose(rows -> rows.size() > 0
                        ? Future.succeededFuture(rows)
                        : pool.preparedQuery("SELECT 1 FROM sitting WHERE id = $1")
                                .execute(Tuple.of(sittingId))
                                .compose(s -> s.size() == 0
                                        ? Future.failedFuture(SessionErrors.SITTING_NOT_FOUND.exception())
                                        : Future.succeededFuture(rows)))
                .map(rows -> {
                    JsonArray versions = new JsonArray();
                    for (Row r : rows) {
                        JsonObject v = new JsonObject()
                                .put("version", r.getInteger("version"))
                                .put("supersedes", r.getInteger("supersedes"))
                                .put("outcome", r.getString("outcome"))
                                .put("idempotencyKey", r.getString("idempotency_key"))
                                .put("packageHash", r.getString("package_hash"))
                                .put("status", r.getString("status"))
                                .put("attempts", r.getInteger("attempts"))
                                .put("lastError", r.getString("last_error"))
                                .put("deliveredAt", Rows.instant(r, "delivered_at"))
                                .put("createdAt", Rows.instant(r, "created_at"));
                        if (r.getString("kind") != null) {
                            v.put(
                                    "correction",
                                    new JsonObject()
                                            .put("kind", r.getString("kind"))
                                            .put("reason", r.getString("reason"))
                                            .put(
                                                    "keyCorrections",
                                                    r.getString("key_corrections") == null
                                                            ? null
                                                            : new JsonArray(r.getString("key_corrections")))
                                            .put("outcomeBefore", r.getString("outcome_before"))
                                            .put("scoreBefore", Corrections.number(r.getBigDecimal("score_before")))
                                            .put("scoreAfter", Corrections.number(r.getBigDecimal("score_after")))
                                            .put("passedBefore", r.getBoolean("passed_before"))
                                            .put("passedAfter", r.getBoolean("passed_after"))
                                            .put("correctedBy", r.getString("corrected_by"))
                                            .put("correctedAt", Rows.instant(r, "corrected_at")));
                        }
                        versions.add(v);
                    }
                    return new JsonObject().put("sittingId", sittingId).put("versions", versions);
                });
    }
}
