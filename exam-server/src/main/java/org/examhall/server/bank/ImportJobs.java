package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.examhall.server.db.Rows;

/**
 * Import jobs in the {@code bank_import_job} table: their progress, outcome and error report.
 * Progress is written outside the import's own transaction, so a poll on any node sees it move.
 */
public final class ImportJobs {

    public enum Status {
        RUNNING,
        SUCCEEDED,
        REJECTED,
        FAILED
    }

    public enum Phase {
        PARSING,
        CHECKING,
        WRITING,
        DONE
    }

    /** The most problems (and warnings) kept in a report; the count says how many there were. */
    static final int MAX_PROBLEMS_KEPT = 5_000;

    /** A running job without progress for this long has died with its node. */
    static final Duration STALLED_AFTER = Duration.ofMinutes(5);

    private static final String COLUMNS =
            "id, format, file_name, dry_run, status, phase, processed, total, question_count,"
                    + " imported, bank_version, problem_count, warning_count, error, created_by, created_at, updated_at, finished_at";

    private final Pool pool;
    private final String node;

    public ImportJobs(Pool pool, String node) {
        this.pool = pool;
        this.node = node;
    }

    Future<Long> create(ImportUpload upload, String actor) {
        return pool.preparedQuery(
                        "INSERT INTO bank_import_job (format, file_name, dry_run, status, phase, node, created_by)"
                                + " VALUES ($1, $2, $3, 'RUNNING', 'PARSING', $4, $5) RETURNING id")
                .execute(Tuple.of(upload.format().name(), upload.displayName(), upload.dryRun(), node, actor))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Future<Void> progress(long id, Phase phase, int processed, int total) {
        return pool.preparedQuery(
                        "UPDATE bank_import_job SET phase = $2, processed = $3, total = $4, updated_at = now()"
                                + " WHERE id = $1 AND status = 'RUNNING'")
                .execute(Tuple.of(id, phase.name(), processed, total))
                .mapEmpty();
    }

    /**
     * Records the outcome of a job that ran to the end (applied, a clean dry run, or rejected).
     *
     * @param warnings what was skipped (exact duplicates) without refusing the import
     * @param preview  the mapping preview ({@link ImportPreview})
     */
    Future<Void> finish(
            long id,
            Status status,
            int total,
            int questionCount,
            int imported,
            Long bankVersion,
            JsonArray problems,
            JsonArray warnings,
            JsonObject preview) {
        return pool.preparedQuery("UPDATE bank_import_job SET status = $2, phase = 'DONE', processed = $3, total = $3,"
                        + " question_count = $4, imported = $5, bank_version = $6, problem_count = $7, problems = $8,"
                        + " warning_count = $9, warnings = $10, preview = $11, updated_at = now(), finished_at = now()"
                        + " WHERE id = $1")
                .execute(Tuple.tuple()
                        .addLong(id)
                        .addString(status.name())
                        .addInteger(total)
                        .addInteger(questionCount)
                        .addInteger(imported)
                        .addLong(bankVersion)
                        .addInteger(problems.size())
                        .addValue(kept(problems))
                        .addInteger(warnings.size())
                        .addValue(kept(warnings))
                        .addValue(preview))
                .mapEmpty();
    }

    private static JsonArray kept(JsonArray reports) {
        return new JsonArray(reports.getList().subList(0, Math.min(reports.size(), MAX_PROBLEMS_KEPT)));
    }

    Future<Void> fail(long id, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return pool.preparedQuery("UPDATE bank_import_job SET status = 'FAILED', phase = 'DONE', error = $2,"
                        + " updated_at = now(), finished_at = now() WHERE id = $1")
                .execute(Tuple.of(id, message.length() > 1000 ? message.substring(0, 1000) : message))
                .mapEmpty();
    }

    /** The job with its error report. */
    public Future<Optional<JsonObject>> get(long id) {
        return pool.preparedQuery(
                        "SELECT " + COLUMNS + ", problems, warnings, preview FROM bank_import_job WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(json(row)
                            .put("problems", row.getJsonArray("problems"))
                            .put("warnings", row.getJsonArray("warnings"))
                            .put("preview", row.getJsonObject("preview")));
                });
    }

    /** The newest jobs, without their reports. */
    public Future<JsonArray> recent(int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM bank_import_job ORDER BY id DESC LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    JsonArray jobs = new JsonArray();
                    rows.forEach(row -> jobs.add(json(row)));
                    return jobs;
                });
    }

    private static JsonObject json(Row row) {
        String status = row.getString("status");
        OffsetDateTime updated = row.getOffsetDateTime("updated_at");
        boolean stalled = status.equals(Status.RUNNING.name())
                && updated.toInstant().isBefore(Instant.now().minus(STALLED_AFTER));
        return new JsonObject()
                .put("id", row.getLong("id"))
                .put("format", row.getString("format"))
                .put("fileName", row.getString("file_name"))
                .put("dryRun", row.getBoolean("dry_run"))
                .put("status", status)
                .put("phase", row.getString("phase"))
                .put("processed", row.getInteger("processed"))
                .put("total", row.getInteger("total"))
                .put("questionCount", row.getInteger("question_count"))
                .put("imported", row.getInteger("imported"))
                .put("bankVersion", row.getLong("bank_version"))
                .put("problemCount", row.getInteger("problem_count"))
                .put("warningCount", row.getInteger("warning_count"))
                .put("error", row.getString("error"))
                .put("stalled", stalled)
                .put("createdBy", row.getString("created_by"))
                .put("createdAt", Rows.instant(row, "created_at"))
                .put("updatedAt", Rows.instant(row, "updated_at"))
                .put("finishedAt", Rows.instant(row, "finished_at"));
    }
}
