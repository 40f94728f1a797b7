package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.QuestionType;
import org.examhall.server.db.Rows;

/**
 * Browsing the bank for bureau staff, straight from the database so that every node shows every
 * change at once: the newest version of each question, filtered and paged, and a question's history.
 */
public final class QuestionSearch {

    /**
     * Filters; null means "any". {@code text} matches part of the stem or the whole id;
     * {@code questionIds} keeps only these questions (those item analysis flagged, say).
     */
    public record Filter(
            String category,
            QuestionType type,
            String knowledgePoint,
            Integer difficulty,
            String status,
            String text,
            Long importId,
            List<String> questionIds) {}

    private static final String COLUMNS = "question_id, version, status, type, stem, image_ref, options, answer_mask,"
            + " knowledge_points, difficulty, category, source_level, fixed_option_order, import_job_id,"
            + " created_at, created_by, changed_at, changed_by";

    private static final String PAGE = "WITH latest AS (SELECT DISTINCT ON (question_id) " + COLUMNS
            + " FROM question_version ORDER BY question_id, version DESC)"
            + " SELECT l.*, (SELECT a.version FROM question_version a WHERE a.question_id = l.question_id"
            + " AND a.status = 'ACTIVE') AS active_version, count(*) OVER () AS total FROM latest l"
            + " WHERE ($1::text IS NULL OR l.category = $1)"
            + " AND ($2::text IS NULL OR l.type = $2)"
            + " AND ($3::text IS NULL OR $3 = ANY (l.knowledge_points))"
            + " AND ($4::int IS NULL OR l.difficulty = $4)"
            + " AND ($5::text IS NULL OR l.status = $5)"
            + " AND ($6::text IS NULL OR strpos(lower(l.stem), lower($6)) > 0 OR l.question_id = $6)"
            + " AND ($7::bigint IS NULL OR l.question_id IN (SELECT question_id FROM question_version WHERE import_job_id = $7))"
            + " AND ($10::text[] IS NULL OR l.question_id = ANY ($10))"
            + " ORDER BY l.question_id LIMIT $8 OFFSET $9";

    private final Pool pool;

    public QuestionSearch(Pool pool) {
        this.pool = pool;
    }

    /** One page (from 1) of the newest versions matching the filter, with the total count. */
    public Future<JsonObject> page(Filter filter, int page, int size) {
        Tuple params = Tuple.tuple()
                .addString(filter.category())
                .addString(filter.type() == null ? null : filter.type().name())
                .addString(filter.knowledgePoint())
                .addInteger(filter.difficulty())
                .addString(filter.status())
                .addString(filter.text())
                .addLong(filter.importId())
                .addInteger(size)
                .addInteger((page - 1) * size)
                .addArrayOfString(
                        filter.questionIds() == null
                                ? null
                                : filter.questionIds().toArray(String[]::new));
        return pool.preparedQuery(PAGE).execute(params).map(rows -> {
            JsonArray items = new JsonArray();
            long total = 0;
            for (Row row : rows) {
                total = row.getLong("total");
                items.add(json(row).put("activeVersion", row.getInteger("active_version")));
            }
            return new JsonObject()
                    .put("page", page)
                    .put("size", size)
                    .put("total", total)
                    .put("items", items);
        });
    }

    /** Every version of one question, oldest first; empty when there is no such question. */
    public Future<List<JsonObject>> versions(String questionId) {
        return pool.preparedQuery(
                        "SELECT " + COLUMNS + " FROM question_version WHERE question_id = $1 ORDER BY version")
                .execute(Tuple.of(questionId))
                .map(rows -> {
                    List<JsonObject> versions = new ArrayList<>();
                    rows.forEach(row -> versions.add(json(row)));
                    return versions;
                });
    }

    /**
     * A question version as the bureau's pages show and edit it. The fields are those the JSON import
     * reads, so an edited copy can be sent back as it is.
     */
    static JsonObject json(Row row) {
        QuestionType type = QuestionType.valueOf(row.getString("type"));
        return new JsonObject()
                .put("id", row.getString("question_id"))
                .put("version", row.getInteger("version"))
                .put("status", row.getString("status"))
                .put("type", type.name())
                .put("typeName", type.chineseName())
                .put("stem", row.getString("stem"))
                .put("image", row.getString("image_ref"))
                .put("options", new JsonArray(List.of(row.getArrayOfStrings("options"))))
                .put("answer", new AnswerKey(row.getInteger("answer_mask")).letters())
                .put("knowledgePoints", new JsonArray(List.of(row.getArrayOfStrings("knowledge_points"))))
                .put("difficulty", row.getInteger("difficulty"))
                .put("category", row.getString("category"))
                .put("source", row.getString("source_level"))
                .put("fixedOptionOrder", row.getBoolean("fixed_option_order"))
                .put("importId", row.getLong("import_job_id"))
                .put("createdAt", Rows.instant(row, "created_at"))
                .put("createdBy", row.getString("created_by"))
                .put("changedAt", Rows.instant(row, "changed_at"))
                .put("changedBy", row.getString("changed_by"));
    }
}
