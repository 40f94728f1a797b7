package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.db.Rows;
import org.examhall.server.http.Errors;

/**
 * Exam applications made by an institution for a class: the roster with each trainee's hours
 * (checked by {@link Eligibility}), proofs, then submission to the bureau.
 */
final class Applications {

    private final Pool pool;
    private final AuditLog audit;

    Applications(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    /**
     * @param classId    the class of a first application (ignored for a retake, which uses the original's)
     * @param traineeIds the roster; null for every member (first) or everyone who failed (retake)
     * @param retakeOf   the original application of a retake, or null
     */
    Future<JsonObject> create(long institutionId, Long classId, List<Long> traineeIds, Long retakeOf, Actor actor) {
        return pool.withTransaction(tx -> Institutions.requireNotSuspended(tx, institutionId)
                        .compose(x -> retakeOf == null
                                ? firstRoster(tx, institutionId, classId, traineeIds)
                                : Eligibility.retake(tx, institutionId, retakeOf, traineeIds)
                                        .compose(basis -> classFacts(tx, institutionId, basis.classId())
                                                .compose(facts -> Eligibility.hours(tx, facts, basis.traineeIds())
                                                        .map(hours -> new Roster(facts, hours)))))
                        .compose(roster -> Eligibility.notAlreadyCovered(
                                        tx,
                                        roster.facts(),
                                        List.copyOf(roster.hours().keySet()))
                                .map(roster))
                        .compose(roster -> insert(tx, institutionId, roster, retakeOf, actor)))
                .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture(InstitutionErrors.RETAKE_NOT_ALLOWED.exception())
                        : Future.failedFuture(e));
    }

    private record Roster(Eligibility.ClassFacts facts, Map<Long, BigDecimal> hours) {}

    private static Future<Roster> firstRoster(SqlClient tx, long institutionId, Long classId, List<Long> traineeIds) {
        if (classId == null) {
            return Future.failedFuture(Errors.invalid("字段 classId 必填", "field classId is required"));
        }
        return classFacts(tx, institutionId, classId)
                .compose(facts -> Eligibility.hours(tx, facts, traineeIds)
                        .compose(hours -> Eligibility.firstAttempt(tx, facts, List.copyOf(hours.keySet()))
                                .map(new Roster(facts, hours))));
    }

    private static Future<Eligibility.ClassFacts> classFacts(SqlClient tx, long institutionId, long classId) {
        return tx.preparedQuery(
                        "SELECT operation_item, required_hours FROM training_class WHERE id = $1 AND institution_id = $2")
                .execute(Tuple.of(classId, institutionId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(InstitutionErrors.CLASS_NOT_FOUND.exception())
                        : Future.succeededFuture(new Eligibility.ClassFacts(
                                classId,
                                rows.iterator().next().getString("operation_item"),
                                rows.iterator().next().getBigDecimal("required_hours"))));
    }

    private Future<JsonObject> insert(SqlConnection tx, long institutionId, Roster roster, Long retakeOf, Actor actor) {
        return tx.preparedQuery(
                        "INSERT INTO exam_application (institution_id, class_id, retake_of) VALUES ($1, $2, $3) RETURNING id")
                .execute(Tuple.of(institutionId, roster.facts().classId(), retakeOf))
                .map(rows -> rows.iterator().next().getLong("id"))
                .compose(id -> tx.preparedQuery(
                                "INSERT INTO application_trainee (application_id, trainee_id, hours) VALUES ($1, $2, $3)")
                        .executeBatch(roster.hours().entrySet().stream()
                                .map(e -> Tuple.of(id, e.getKey(), e.getValue()))
                                .toList())
                        .compose(x -> {
                            JsonArray trainees = new JsonArray();
                            roster.hours()
                                    .forEach((trainee, h) -> trainees.add(new JsonObject()
                                            .put("traineeId", trainee)
                                            .put("hours", h.doubleValue())));
                            return audit.append(
                                    tx,
                                    actor.entry(
                                            "application.created",
                                            "application:" + id,
                                            new JsonObject()
                                                    .put("institutionId", institutionId)
                                                    .put(
                                                            "classId",
                                                            roster.facts().classId())
                                                    .put("retakeOf", retakeOf)
                                                    .put("roster", trainees)));
                        })
                        .compose(seq -> detail(tx, id, true)));
    }

    /** Hands a draft with at least one proof to the bureau; a suspended institution cannot. */
    Future<JsonObject> submit(long institutionId, long applicationId, Actor actor) {
        return pool.withTransaction(tx -> Institutions.requireNotSuspended(tx, institutionId)
                .compose(x -> lockOwned(tx, applicationId, institutionId))
                .compose(status -> !"DRAFT".equals(status)
                        ? Future.failedFuture(InstitutionErrors.BAD_APPLICATION_STATE.exception())
                        : tx.preparedQuery("SELECT count(*) AS n FROM application_proof WHERE application_id = $1")
                                .execute(Tuple.of(applicationId)))
                .compose(rows -> rows.iterator().next().getLong("n") == 0
                        ? Future.failedFuture(InstitutionErrors.PROOF_REQUIRED.exception())
                        : tx.preparedQuery(
                                        "UPDATE exam_application SET status = 'SUBMITTED', submitted_at = now() WHERE id = $1")
                                .execute(Tuple.of(applicationId)))
                .compose(x -> audit.append(
                        tx,
                        actor.entry(
                                "application.submitted",
                                "application:" + applicationId,
                                new JsonObject().put("institutionId", institutionId))))
                .compose(seq -> detail(tx, applicationId, true)));
    }

    /** The application's status after locking it, if the institution owns it (null: the bureau, any owner). */
    static Future<String> lockOwned(SqlClient tx, long applicationId, Long institutionId) {
        return owned(
                tx,
                "SELECT status, institution_id FROM exam_application WHERE id = $1 FOR UPDATE",
                applicationId,
                institutionId);
    }

    /** The application's status if the institution owns it (null: the bureau), without locking it. */
    static Future<String> owned(SqlClient client, long applicationId, Long institutionId) {
        return owned(
                client,
                "SELECT status, institution_id FROM exam_application WHERE id = $1",
                applicationId,
                institutionId);
    }

    private static Future<String> owned(SqlClient client, String sql, long applicationId, Long institutionId) {
        return client.preparedQuery(sql).execute(Tuple.of(applicationId)).compose(rows -> {
            if (rows.size() == 0
                    || institutionId != null
                            && rows.iterator().next().getLong("institution_id") != institutionId.longValue()) {
                return Future.failedFuture(InstitutionErrors.APPLICATION_NOT_FOUND.exception());
            }
            return Future.succeededFuture(rows.iterator().next().getString("status"));
        });
    }

    /**
     * How far an application has come, for a query over {@code exam_application a} left-joined to its
     * {@code exam_session s}: its own status until its session is held, then EXAMINED (the session
     * closed) and PUBLISHED (the results were published).
     */
    static final String STAGE_COLUMN = """
      CASE WHEN s.published_at IS NOT NULL THEN 'PUBLISHED'
           WHEN s.state IN ('CLOSED', 'SCORED') THEN 'EXAMINED' ELSE a.status END AS stage""";

    /** Applications with their stage, their session's time and room once assigned, and whether a retake can be made. */
    Future<JsonArray> list(Long institutionId, String status) {
        String sql = """
        SELECT a.*, c.name AS class_name, c.operation_item, i.name AS institution_name,
               s.starts_at AS session_starts_at, s.title AS session_title, r.name AS room_name, si.name AS site_name,
               %s,
               %s,
               (SELECT count(*) FROM application_trainee t WHERE t.application_id = a.id) AS trainees,
               (SELECT count(*) FROM application_proof p WHERE p.application_id = a.id) AS proofs
          FROM exam_application a JOIN training_class c ON c.id = a.class_id JOIN institution i ON i.id = a.institution_id
          LEFT JOIN exam_session s ON s.id = a.session_id LEFT JOIN exam_room r ON r.id = s.room_id
          LEFT JOIN exam_site si ON si.id = r.site_id
         WHERE ($1::bigint IS NULL OR a.institution_id = $1) AND ($2::text IS NULL OR a.status = $2)
         ORDER BY a.id DESC LIMIT 500""".formatted(STAGE_COLUMN, Eligibility.RETAKE_FACTS_COLUMNS);
        return pool.preparedQuery(sql).execute(Tuple.of(institutionId, status)).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(summary(r)
                    .put("trainees", r.getLong("trainees"))
                    .put("proofs", r.getLong("proofs"))
                    .put("stage", r.getString("stage"))
                    .put("retakeAllowed", Eligibility.RetakeFacts.of(r).allowed())
                    .put(
                            "session",
                            r.getLong("session_id") == null
                                    ? null
                                    : new JsonObject()
                                            .put("id", r.getLong("session_id"))
                                            .put("title", r.getString("session_title"))
                                            .put("startsAt", Rows.instant(r, "session_starts_at"))
                                            .put("site", r.getString("site_name"))
                                            .put("room", r.getString("room_name")))));
            return out;
        });
    }

    /**
     * One application with its roster and proofs. Results (score, pass) appear only once the bureau has
     * published the session, and only when {@code bureauView} or published.
     */
    static Future<JsonObject> detail(SqlClient client, long applicationId, boolean bureauView) {
        return client.preparedQuery("""
            SELECT a.*, c.name AS class_name, c.operation_item, c.required_hours, i.name AS institution_name,
                   s.starts_at AS session_starts_at, s.published_at
              FROM exam_application a JOIN training_class c ON c.id = a.class_id JOIN institution i ON i.id = a.institution_id
              LEFT JOIN exam_session s ON s.id = a.session_id WHERE a.id = $1""").execute(Tuple.of(applicationId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(InstitutionErrors.APPLICATION_NOT_FOUND.exception());
            }
            Row row = rows.iterator().next();
            boolean published = row.getOffsetDateTime("published_at") != null;
            JsonObject json = summary(row)
                    .put("sessionStartsAt", Rows.instant(row, "session_starts_at"))
                    .put("requiredHours", row.getBigDecimal("required_hours").doubleValue())
                    .put("published", published);
            return roster(client, applicationId, bureauView || published)
                    .compose(roster -> Proofs.list(client, applicationId)
                            .map(proofs -> json.put("roster", roster).put("proofs", proofs)));
        });
    }

    private static JsonObject summary(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("institutionId", r.getLong("institution_id"))
                .put("institutionName", r.getString("institution_name"))
                .put("classId", r.getLong("class_id"))
                .put("className", r.getString("class_name"))
                .put("operationItem", r.getString("operation_item"))
                .put("retakeOf", r.getLong("retake_of"))
                .put("status", r.getString("status"))
                .put("submittedAt", Rows.instant(r, "submitted_at"))
                .put("reviewedAt", Rows.instant(r, "reviewed_at"))
                .put("reviewReason", r.getString("review_reason"))
                .put("sessionId", r.getLong("session_id"))
                .put("createdAt", Rows.instant(r, "created_at"));
    }

    /** The roster with each trainee's attendance days in the class, which the bureau reviews the hours by. */
    private static Future<JsonArray> roster(SqlClient client, long applicationId, boolean withResults) {
        return client.preparedQuery("""
            SELECT r.trainee_id, r.hours, r.sitting_id, tr.declared_name AS full_name, p.id_number_masked, tr.employer,
                   t.status AS sitting_status, t.score, t.passed,
                   (SELECT coalesce(json_agg(json_build_object('day', ca.day, 'hours', ca.hours) ORDER BY ca.day), '[]'::json)
                      FROM class_attendance ca JOIN exam_application a ON a.class_id = ca.class_id
                     WHERE a.id = r.application_id AND ca.trainee_id = r.trainee_id) AS attendance
              FROM application_trainee r JOIN trainee tr ON tr.id = r.trainee_id JOIN person p ON p.id = tr.person_id
              LEFT JOIN sitting t ON t.id = r.sitting_id WHERE r.application_id = $1 ORDER BY r.trainee_id""").execute(Tuple.of(applicationId)).map(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) {
                JsonObject entry = new JsonObject()
                        .put("traineeId", r.getLong("trainee_id"))
                        .put("fullName", r.getString("full_name"))
                        .put("idNumberMasked", r.getString("id_number_masked"))
                        .put("employer", r.getString("employer"))
                        .put("hours", r.getBigDecimal("hours").doubleValue())
                        .put("attendance", r.getJsonArray("attendance"))
                        .put("candidate", r.getLong("sitting_id") != null);
                if (withResults && r.getLong("sitting_id") != null) {
                    entry.put("sittingStatus", r.getString("sitting_status"))
                            .put(
                                    "score",
                                    r.getBigDecimal("score") == null
                                            ? null
                                            : r.getBigDecimal("score").doubleValue())
                            .put("passed", r.getBoolean("passed"));
                }
                out.add(entry);
            }
            return out;
        });
    }
}
