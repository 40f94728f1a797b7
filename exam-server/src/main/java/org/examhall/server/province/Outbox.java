package org.examhall.server.province;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.db.Rows;

/**
 * The outbox table: claiming due packages (SKIP LOCKED, so nodes never take the same one), the
 * outcome of each attempt, the bureau's queue view and its manual retry. An attempt's result is
 * written only by the attempt that holds the claim ({@code attempts} is its fencing number), except
 * delivery, which is final whoever proves it.
 */
final class Outbox {

    static final List<String> STATUSES = List.of("PENDING", "FAILING", "REJECTED", "DELIVERED");

    private final Pool pool;
    private final AuditLog audit;

    record Claimed(
            long id,
            String idempotencyKey,
            String bureauId,
            String keyId,
            byte[] packageEnc,
            String signature,
            int attempt) {}

    Outbox(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    /** Takes up to {@code limit} due packages for {@code leaseMs}; the attempt counter goes up as they are taken. */
    Future<List<Claimed>> claim(int limit, long leaseMs, String node) {
        return pool.preparedQuery("""
            UPDATE province_outbox o
               SET attempts = o.attempts + 1, last_attempt_at = now(), claimed_by = $3,
                   next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
             WHERE o.id IN (SELECT id FROM province_outbox
                             WHERE status IN ('PENDING', 'FAILING') AND next_attempt_at <= now()
                               -- a correction waits until the version it supersedes has arrived
                               AND NOT EXISTS (SELECT 1 FROM province_outbox e WHERE e.sitting_id = province_outbox.sitting_id
                                                  AND e.version < province_outbox.version AND e.status <> 'DELIVERED')
                             ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING o.id, o.idempotency_key, o.bureau_id, o.key_id, o.package_enc, o.signature, o.attempts""")
                .execute(Tuple.of(limit, (double) leaseMs, node))
                .map(rows -> {
                    List<Claimed> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Claimed(
                                r.getLong("id"),
                                r.getString("idempotency_key"),
                                r.getString("bureau_id"),
                                r.getString("key_id"),
                                r.getBuffer("package_enc").getBytes(),
                                r.getString("signature"),
                                r.getInteger("attempts")));
                    }
                    return out;
                });
    }

    Future<Void> delivered(Claimed claimed, Receipt receipt) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE province_outbox SET status = 'DELIVERED', delivered_at = now(), receipt_received_at = $2,
                       receipt_signature = $3, receipt_duplicate = $4, last_error = NULL, claimed_by = NULL
                 WHERE id = $1 AND status <> 'DELIVERED' RETURNING session_id, sitting_id""")
                        .execute(Tuple.of(claimed.id(), receipt.receivedAt(), receipt.signature(), receipt.duplicate()))
                        .compose(rows -> rows.size() == 0
                                ? Future.succeededFuture()
                                : audit.append(
                                                tx,
                                                Actor.system("province-connector")
                                                        .entry(
                                                                "province.package_delivered",
                                                                "sitting:"
                                                                        + rows.iterator()
                                                                                .next()
                                                                                .getLong("sitting_id"),
                                                                new JsonObject()
                                                                        .put("outboxId", claimed.id())
                                                                        .put("idempotencyKey", claimed.idempotencyKey())
                                                                        .put("attempt", claimed.attempt())
                                                                        .put("receivedAt", receipt.receivedAt())
                                                                        .put("duplicate", receipt.duplicate())))
                                        .mapEmpty()))
                .mapEmpty();
    }

    /** Worth another try after {@code retryInMs}. */
    Future<Void> failed(Claimed claimed, String error, long retryInMs) {
        return pool.preparedQuery("""
            UPDATE province_outbox SET status = 'FAILING', last_error = $3, claimed_by = NULL,
                   next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
             WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'FAILING')""")
                .execute(Tuple.of(claimed.id(), claimed.attempt(), error, (double) retryInMs))
                .mapEmpty();
    }

    /** The platform refused the package: it waits for an administrator. */
    Future<Void> rejected(Claimed claimed, String error) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE province_outbox SET status = 'REJECTED', last_error = $3, claimed_by = NULL
                 WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'FAILING') RETURNING sitting_id""")
                        .execute(Tuple.of(claimed.id(), claimed.attempt(), error))
                        .compose(rows -> rows.size() == 0
                                ? Future.succeededFuture()
                                : audit.append(
                                                tx,
                                                Actor.system("province-connector")
                                                        .entry(
                                                                "province.package_rejected",
                                                                "sitting:"
                                                                        + rows.iterator()
                                                                                .next()
                                                                                .getLong("sitting_id"),
                                                                new JsonObject()
                                                                        .put("outboxId", claimed.id())
                                                                        .put("idempotencyKey", claimed.idempotencyKey())
                                                                        .put("attempt", claimed.attempt())
                                                                        .put("error", error)))
                                        .mapEmpty()))
                .mapEmpty();
    }

    /** Sends a failing or rejected package again at once. */
    Future<JsonObject> retry(long id, Actor actor) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "SELECT status, sitting_id FROM province_outbox WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(ProvinceErrors.OUTBOX_ITEM_NOT_FOUND.exception());
                    }
                    Row row = rows.iterator().next();
                    if ("DELIVERED".equals(row.getString("status"))) {
                        return Future.failedFuture(ProvinceErrors.ALREADY_DELIVERED.exception());
                    }
                    return tx.preparedQuery(
                                    "UPDATE province_outbox SET status = 'PENDING', next_attempt_at = now() WHERE id = $1")
                            .execute(Tuple.of(id))
                            .compose(x -> audit.append(
                                    tx,
                                    actor.entry(
                                            "province.package_requeued",
                                            "sitting:" + row.getLong("sitting_id"),
                                            new JsonObject()
                                                    .put("outboxId", id)
                                                    .put("previousStatus", row.getString("status")))))
                            .compose(seq -> item(tx, id));
                }));
    }

    private static Future<JsonObject> item(SqlClient client, long id) {
        return client.preparedQuery(ITEMS + " WHERE o.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> toJson(rows.iterator().next()));
    }

    private static final String ITEMS = """
      SELECT o.id, o.session_id, o.sitting_id, o.version, o.supersedes, o.idempotency_key, o.outcome, o.status, o.attempts, o.next_attempt_at,
             o.last_attempt_at, o.last_error, o.delivered_at, o.receipt_received_at, o.receipt_duplicate, o.created_at,
             o.package_hash, p.full_name, p.id_number_masked, s.starts_at AS session_starts_at
        FROM province_outbox o JOIN sitting t ON t.id = o.sitting_id JOIN person p ON p.id = t.person_id
             JOIN exam_session s ON s.id = o.session_id
      """;

    /** Counts per status and the newest packages (undelivered first); never the package itself. */
    Future<JsonObject> view(String status, Long sessionId, int limit) {
        Future<JsonObject> counts = pool.query("""
            SELECT status, count(*) AS n, min(created_at) AS oldest FROM province_outbox GROUP BY status""").execute().map(rows -> {
            JsonObject out = new JsonObject();
            STATUSES.forEach(s -> out.put(s, 0L));
            long total = 0;
            for (Row r : rows) {
                out.put(r.getString("status"), r.getLong("n"));
                total += r.getLong("n");
            }
            return out.put("total", total);
        });
        Future<JsonArray> items = pool.preparedQuery(ITEMS + """
             WHERE ($1::text IS NULL OR o.status = $1) AND ($2::bigint IS NULL OR o.session_id = $2)
             ORDER BY (o.status = 'DELIVERED'), o.id DESC LIMIT $3""")
                .execute(Tuple.of(status, sessionId, limit))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(toJson(r)));
                    return out;
                });
        return Future.all(counts, items)
                .map(x -> new JsonObject().put("counts", counts.result()).put("items", items.result()));
    }

    private static JsonObject toJson(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("sessionId", r.getLong("session_id"))
                .put("sessionStartsAt", Rows.instant(r, "session_starts_at"))
                .put("sittingId", r.getLong("sitting_id"))
                .put("version", r.getInteger("version"))
                .put("supersedes", r.getInteger("supersedes"))
                .put("fullName", r.getString("full_name"))
                .put("idNumberMasked", r.getString("id_number_masked"))
                .put("outcome", r.getString("outcome"))
                .put("idempotencyKey", r.getString("idempotency_key"))
                .put("packageHash", r.getString("package_hash"))
                .put("status", r.getString("status"))
                .put("attempts", r.getInteger("attempts"))
                // Only a package still on its way has a next attempt.
                .put(
                        "nextAttemptAt",
                        List.of("PENDING", "FAILING").contains(r.getString("status"))
                                ? Rows.instant(r, "next_attempt_at")
                                : null)
                .put("lastAttemptAt", Rows.instant(r, "last_attempt_at"))
                .put("lastError", r.getString("last_error"))
                .put("deliveredAt", Rows.instant(r, "delivered_at"))
                .put("receiptReceivedAt", r.getString("receipt_received_at"))
                .put("receiptDuplicate", r.getBoolean("receipt_duplicate"))
                .put("createdAt", Rows.instant(r, "created_at"));
    }
}
