package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examhall.protocol.http.ApiError;
import org.examhall.protocol.http.ApiException;

/**
 * Who may be put up for an exam, checked when an application is made (each refusal names the
 * trainees it concerns and changes nothing):
 * <ul>
 *   <li>training hours at least the class's required hours;</li>
 *   <li>no pass for the same operation item that is still valid (12 months from publication);</li>
 *   <li>no other open application for the same operation item;</li>
 *   <li>a first application uses a class membership once: after a failed first attempt comes the
 *       retake, and after a failed retake a new class;</li>
 *   <li>a retake (one per application) only for trainees of the original who failed its published exam.</li>
 * </ul>
 */
final class Eligibility {

    static final int PASS_VALID_MONTHS = 12;

    private Eligibility() {}

    /** The class's facts an application depends on. */
    record ClassFacts(long classId, String operationItem, BigDecimal requiredHours) {}

    /** What a retake application is made of: the original's class and the trainees who retake. */
    record RetakeBasis(long classId, List<Long> traineeIds) {}

    /** Each roster trainee's hours (all members when {@code traineeIds} is null); refuses non-members and short hours. */
    static Future<Map<Long, BigDecimal>> hours(SqlClient tx, ClassFacts facts, List<Long> traineeIds) {
        return tx.preparedQuery("""
            SELECT m.trainee_id, COALESCE((SELECT sum(a.hours) FROM class_attendance a
                                           WHERE a.class_id = m.class_id AND a.trainee_id = m.trainee_id), 0) AS hours
              FROM class_member m WHERE m.class_id = $1 ORDER BY m.trainee_id""").execute(Tuple.of(facts.classId())).compose(rows -> {
            Map<Long, BigDecimal> members = new LinkedHashMap<>();
            rows.forEach(r -> members.put(r.getLong("trainee_id"), r.getBigDecimal("hours")));
            Map<Long, BigDecimal> roster = new LinkedHashMap<>();
            List<Long> missing = new ArrayList<>();
            for (Long id : traineeIds == null ? List.copyOf(members.keySet()) : traineeIds) {
                if (members.containsKey(id)) {
                    roster.put(id, members.get(id));
                } else {
                    missing.add(id);
                }
            }
            if (!missing.isEmpty()) {
                return Future.failedFuture(refusal(InstitutionErrors.NOT_A_MEMBER, missing));
            }
            if (roster.isEmpty()) {
                return Future.failedFuture(InstitutionErrors.EMPTY_ROSTER.exception());
            }
            JsonArray short_ = new JsonArray();
            roster.forEach((id, h) -> {
                if (h.compareTo(facts.requiredHours()) < 0) {
                    short_.add(new JsonObject()
                            .put("traineeId", id)
                            .put("hours", h.doubleValue())
                            .put("requiredHours", facts.requiredHours().doubleValue()));
                }
            });
            return short_.isEmpty()
                    ? Future.succeededFuture(roster)
                    : Future.failedFuture(
                            new ApiException(InstitutionErrors.HOURS_BELOW_REQUIRED, Map.of("trainees", short_)));
        });
    }

    /** Refuses trainees with a valid pass or another open application for the item. */
    static Future<Void> notAlreadyCovered(SqlClient tx, ClassFacts facts, List<Long> traineeIds) {
        Long[] ids = traineeIds.toArray(new Long[0]);
        return failIfAny(
                        tx,
                        """
            SELECT DISTINCT tr.id FROM trainee tr JOIN sitting t ON t.person_id = tr.person_id
              JOIN exam_session s ON s.id = t.session_id
             WHERE tr.id = ANY($1) AND s.operation_item = $2 AND t.passed AND s.published_at IS NOT NULL
               AND s.published_at > now() - make_interval(months => $3)""",
                        Tuple.tuple()
                                .addArrayOfLong(ids)
                                .addString(facts.operationItem())
                                .addInteger(PASS_VALID_MONTHS),
                        InstitutionErrors.PASS_STILL_VALID)
                .compose(x -> failIfAny(
                        tx,
                        """
                SELECT DISTINCT tr.id FROM trainee tr JOIN trainee other ON other.person_id = tr.person_id
                  JOIN application_trainee r ON r.trainee_id = other.id JOIN exam_application a ON a.id = r.application_id
                  JOIN training_class c ON c.id = a.class_id LEFT JOIN exam_session s ON s.id = a.session_id
                 WHERE tr.id = ANY($1) AND c.operation_item = $2
                   AND (a.status IN ('DRAFT', 'SUBMITTED', 'APPROVED') OR (a.status = 'ASSIGNED' AND s.published_at IS NULL))""",
                        Tuple.tuple().addArrayOfLong(ids).addString(facts.operationItem()),
                        InstitutionErrors.ALREADY_APPLIED));
    }

    /** A first application: each trainee's membership of this class has not been used by another first application. */
    static Future<Void> firstAttempt(SqlClient tx, ClassFacts facts, List<Long> traineeIds) {
        return failIfAny(
                tx,
                """
            SELECT DISTINCT r.trainee_id AS id FROM application_trainee r JOIN exam_application a ON a.id = r.application_id
             WHERE a.class_id = $1 AND a.retake_of IS NULL AND a.status <> 'REJECTED' AND r.trainee_id = ANY($2)""",
                Tuple.tuple().addLong(facts.classId()).addArrayOfLong(traineeIds.toArray(new Long[0])),
                InstitutionErrors.ALREADY_APPLIED);
    }

    /**
     * The columns {@link RetakeFacts#of} reads, for a query over {@code exam_application a} left-joined
     * to its {@code exam_session s}: the one place the retake rule meets the database, shared by the
     * retake itself and by the application list's {@code retakeAllowed}.
     */
    static final String RETAKE_FACTS_COLUMNS = """
      a.retake_of IS NOT NULL AS is_retake,
      a.status = 'ASSIGNED' AND s.published_at IS NOT NULL AS exam_published,
      EXISTS (SELECT 1 FROM exam_application rt WHERE rt.retake_of = a.id AND rt.status <> 'REJECTED') AS retaken,
      EXISTS (SELECT 1 FROM application_trainee ft JOIN sitting fs ON fs.id = ft.sitting_id
               WHERE ft.application_id = a.id AND fs.passed IS NOT TRUE) AS any_failed""";

    /** What decides whether an application may be retaken, read through {@link #RETAKE_FACTS_COLUMNS}. */
    record RetakeFacts(boolean isRetake, boolean examPublished, boolean retaken, boolean anyFailed) {

        static RetakeFacts of(Row row) {
            return new RetakeFacts(
                    row.getBoolean("is_retake"),
                    Boolean.TRUE.equals(row.getBoolean("exam_published")),
                    row.getBoolean("retaken"),
                    row.getBoolean("any_failed"));
        }

        /** Why the application cannot be retaken at all, or null when those who failed it may retake. */
        ApiError refusal() {
            if (isRetake) {
                return InstitutionErrors.RETAKE_NOT_ALLOWED.withDetail(
                        "补考不合格须重新培训", "a failed retake needs a new training");
            }
            if (!examPublished) {
                return InstitutionErrors.RETAKE_NOT_ALLOWED.withDetail(
                        "原申请的考试成绩尚未公布", "the original application's results are not published");
            }
            if (retaken) {
                return InstitutionErrors.RETAKE_NOT_ALLOWED.withDetail(
                        "该申请的补考机会已使用", "this application's retake is already used");
            }
            return null;
        }

        /** Whether a retake application can be made now: the application allows one and someone failed. */
        boolean allowed() {
            return refusal() == null && anyFailed;
        }
    }

    /**
     * A retake: the original is a first application of the same institution whose exam was published,
     * has no other retake, and each trainee failed it (null: all who failed).
     */
    static Future<RetakeBasis> retake(SqlClient tx, long institutionId, long originalId, List<Long> traineeIds) {
        return tx.preparedQuery("""
            SELECT a.class_id, %s
              FROM exam_application a LEFT JOIN exam_session s ON s.id = a.session_id
             WHERE a.id = $1 AND a.institution_id = $2""".formatted(RETAKE_FACTS_COLUMNS))
                .execute(Tuple.of(originalId, institutionId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(InstitutionErrors.APPLICATION_NOT_FOUND.exception());
                    }
                    Row original = rows.iterator().next();
                    ApiError refusal = RetakeFacts.of(original).refusal();
                    if (refusal != null) {
                        return Future.failedFuture(refusal.exception());
                    }
                    long classId = original.getLong("class_id");
                    return tx.preparedQuery("""
                  SELECT r.trainee_id FROM application_trainee r JOIN sitting t ON t.id = r.sitting_id
                   WHERE r.application_id = $1 AND t.passed IS NOT TRUE""").execute(Tuple.of(originalId)).compose(failed -> {
                        List<Long> failedIds = new ArrayList<>();
                        failed.forEach(r -> failedIds.add(r.getLong("trainee_id")));
                        List<Long> wanted = traineeIds == null ? failedIds : traineeIds;
                        List<Long> notFailed = wanted.stream()
                                .filter(id -> !failedIds.contains(id))
                                .toList();
                        if (wanted.isEmpty()) {
                            return Future.failedFuture(InstitutionErrors.EMPTY_ROSTER.exception());
                        }
                        return notFailed.isEmpty()
                                ? Future.succeededFuture(new RetakeBasis(classId, wanted))
                                : Future.failedFuture(refusal(InstitutionErrors.RETAKE_NOT_ALLOWED, notFailed));
                    });
                });
    }

    private static Future<Void> failIfAny(SqlClient tx, String sql, Tuple args, ApiError error) {
        return tx.preparedQuery(sql).execute(args).compose(rows -> {
            List<Long> hits = new ArrayList<>();
            rows.forEach(r -> hits.add(r.getLong("id")));
            return hits.isEmpty() ? Future.succeededFuture() : Future.failedFuture(refusal(error, hits));
        });
    }

    private static ApiException refusal(ApiError error, List<Long> traineeIds) {
        JsonArray list = new JsonArray();
        traineeIds.forEach(id -> list.add(new JsonObject().put("traineeId", id)));
        return new ApiException(error, Map.of("trainees", list));
    }
}
