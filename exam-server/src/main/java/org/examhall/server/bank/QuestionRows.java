package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.QuestionType;
import org.examhall.bank.question.SourceLevel;

/**
 * Question versions in the {@code question_version} table: reading them all into domain objects,
 * and writing what one bank snapshot changed relative to the one before it.
 */
final class QuestionRows {

    /** Rows per batch statement; progress is reported after each. */
    static final int CHUNK = 250;

    private static final String CONTENT = "type, stem, image_ref, options, answer_mask, knowledge_points, difficulty,"
            + " category, source_level, fixed_option_order";

    private static final String INSERT = "INSERT INTO question_version (question_id, version, status, " + CONTENT
            + ", import_job_id, created_in_bank, changed_in_bank, created_by, changed_by)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $16)";

    private static final String UPDATE =
            "UPDATE question_version SET status = $3, type = $4, stem = $5, image_ref = $6,"
                    + " options = $7, answer_mask = $8, knowledge_points = $9, difficulty = $10, category = $11, source_level = $12,"
                    + " fixed_option_order = $13, changed_in_bank = $14, changed_by = $15, changed_at = now()"
                    + " WHERE question_id = $1 AND version = $2";

    private QuestionRows() {}

    static Future<List<Question>> loadAll(SqlClient client) {
        return client.query("SELECT question_id, version, status, " + CONTENT + " FROM question_version"
                        + " ORDER BY question_id, version")
                .execute()
                .map(rows -> {
                    List<Question> questions = new ArrayList<>(rows.size());
                    rows.forEach(row -> questions.add(question(row)));
                    return questions;
                });
    }

    static Question question(Row row) {
        QuestionContent content = new QuestionContent(
                QuestionType.valueOf(row.getString("type")),
                row.getString("stem"),
                row.getString("image_ref"),
                List.of(row.getArrayOfStrings("options")),
                new AnswerKey(row.getInteger("answer_mask")),
                List.of(row.getArrayOfStrings("knowledge_points")),
                row.getInteger("difficulty"),
                row.getString("category"),
                SourceLevel.valueOf(row.getString("source_level")),
                row.getBoolean("fixed_option_order"));
        return new Question(
                row.getString("question_id"),
                row.getInteger("version"),
                QuestionStatus.valueOf(row.getString("status")),
                content);
    }

    /**
     * Inserts the versions {@code after} added and updates the ones it changed, for the questions in
     * {@code touched}. The database refuses content changes to versions that have been active.
     *
     * @param progress told the number of rows written after each batch
     * @return the rows written
     */
    static Future<Integer> write(
            SqlConnection tx,
            QuestionBank before,
            QuestionBank after,
            Collection<String> touched,
            String actor,
            Long importJobId,
            IntFunction<Future<Void>> progress) {
        List<Tuple> inserts = new ArrayList<>();
        List<Tuple> updates = new ArrayList<>();
        for (String id : touched) {
            for (Question question : after.versions(id)) {
                Optional<Question> old = before.find(question.ref());
                if (old.isEmpty()) {
                    inserts.add(content(
                                    Tuple.of(
                                            question.id(),
                                            question.version(),
                                            question.status().name()),
                                    question.content())
                            .addValue(importJobId)
                            .addLong(after.version())
                            .addString(actor));
                } else if (!old.get().equals(question)) {
                    updates.add(content(
                                    Tuple.of(
                                            question.id(),
                                            question.version(),
                                            question.status().name()),
                                    question.content())
                            .addLong(after.version())
                            .addString(actor));
                }
            }
        }
        Future<Integer> written = batches(tx, UPDATE, updates, 0, n -> Future.succeededFuture());
        return written.compose(n -> batches(tx, INSERT, inserts, n, progress));
    }

    private static Future<Integer> batches(
            SqlConnection tx, String sql, List<Tuple> tuples, int writtenBefore, IntFunction<Future<Void>> progress) {
        Future<Integer> chain = Future.succeededFuture(writtenBefore);
        for (int from = 0; from < tuples.size(); from += CHUNK) {
            List<Tuple> chunk = tuples.subList(from, Math.min(tuples.size(), from + CHUNK));
            chain = chain.compose(n -> tx.preparedQuery(sql)
                    .executeBatch(chunk)
                    .compose(done -> progress.apply(n + chunk.size()).map(n + chunk.size())));
        }
        return chain;
    }

    private static Tuple content(Tuple tuple, QuestionContent content) {
        return tuple.addString(content.type().name())
                .addString(content.stem())
                .addString(content.imageRef())
                .addArrayOfString(content.options().toArray(String[]::new))
                .addInteger(content.answer().mask())
                .addArrayOfString(content.knowledgePoints().toArray(String[]::new))
                .addShort((short) content.difficulty())
                .addString(content.category())
                .addString(content.sourceLevel().name())
                .addBoolean(content.fixedOptionOrder());
    }
}
