package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.db.Rows;

/**
 * An institution's view of results: its own trainees only, and only from sessions the bureau has
 * published. Before publication a trainee's entry says so and carries no score, seat or paper. A
 * corrected result is the sitting's current one, marked as corrected (the bureau's reason stays with
 * the bureau and the province).
 */
final class PublishedResults {

    private final Pool pool;

    PublishedResults(Pool pool) {
        this.pool = pool;
    }

    Future<JsonArray> of(long institutionId) {
        return pool.preparedQuery("""
            SELECT a.id AS application_id, a.retake_of, c.name AS class_name, c.operation_item, tr.declared_name AS full_name, p.id_number_masked,
                   s.starts_at, s.published_at, t.status, t.score, t.passed,
                   EXISTS (SELECT 1 FROM result_correction k WHERE k.sitting_id = t.id) AS corrected
              FROM exam_application a JOIN application_trainee r ON r.application_id = a.id
              JOIN training_class c ON c.id = a.class_id JOIN trainee tr ON tr.id = r.trainee_id JOIN person p ON p.id = tr.person_id
              JOIN sitting t ON t.id = r.sitting_id JOIN exam_session s ON s.id = t.session_id
             WHERE a.institution_id = $1 ORDER BY s.starts_at DESC, a.id DESC, tr.declared_name""").execute(Tuple.of(institutionId)).map(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) {
                boolean published = r.getOffsetDateTime("published_at") != null;
                JsonObject entry = new JsonObject()
                        .put("applicationId", r.getLong("application_id"))
                        .put("retake", r.getLong("retake_of") != null)
                        .put("className", r.getString("class_name"))
                        .put("operationItem", r.getString("operation_item"))
                        .put("fullName", r.getString("full_name"))
                        .put("idNumberMasked", r.getString("id_number_masked"))
                        .put("examDate", Rows.instant(r, "starts_at"))
                        .put("published", published);
                if (published) {
                    entry.put("publishedAt", Rows.instant(r, "published_at"))
                            .put("status", r.getString("status"))
                            .put(
                                    "score",
                                    r.getBigDecimal("score") == null
                                            ? null
                                            : r.getBigDecimal("score").doubleValue())
                            .put("passed", Boolean.TRUE.equals(r.getBoolean("passed")))
                            .put("corrected", r.getBoolean("corrected"));
                }
                out.add(entry);
            }
            return out;
        });
    }
}
