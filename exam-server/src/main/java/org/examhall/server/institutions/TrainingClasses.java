package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.db.Rows;

/** Training classes (一期): one operation item within the institution's scope, dates, required hours, members and attendance. */
final class TrainingClasses {

    /** The archive of a class is kept at least this long after the class ends. */
    static final int RETENTION_YEARS = 3;

    private final Pool pool;
    private final AuditLog audit;

    TrainingClasses(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    record NewClass(
            String name, String operationItem, LocalDate startsOn, LocalDate endsOn, BigDecimal requiredHours) {}

    record Day(LocalDate day, BigDecimal hours) {}

    Future<JsonObject> create(long institutionId, NewClass request, Actor actor) {
        Dates.ordered(request.startsOn(), request.endsOn());
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "SELECT $2 = ANY(scope) AS in_scope FROM institution WHERE id = $1")
                .execute(Tuple.of(institutionId, request.operationItem()))
                .compose(rows -> rows.iterator().next().getBoolean("in_scope")
                        ? Future.succeededFuture()
                        : Future.<Void>failedFuture(InstitutionErrors.ITEM_OUT_OF_SCOPE.exception()))
                .compose(x -> tx.preparedQuery("""
                INSERT INTO training_class (institution_id, name, operation_item, starts_on, ends_on, required_hours, retain_until)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""")
                        .execute(Tuple.of(
                                institutionId,
                                request.name(),
                                request.operationItem(),
                                request.startsOn(),
                                request.endsOn(),
                                request.requiredHours(),
                                request.endsOn().plusYears(RETENTION_YEARS))))
                .map(rows -> rows.iterator().next().getLong("id"))
                .compose(id -> audit.append(
                                tx,
                                actor.entry(
                                        "institution.class_created",
                                        "class:" + id,
                                        new JsonObject()
                                                .put("institutionId", institutionId)
                                                .put("operationItem", request.operationItem())
                                                .put(
                                                        "startsOn",
                                                        request.startsOn().toString())
                                                .put("endsOn", request.endsOn().toString())
                                                .put(
                                                        "requiredHours",
                                                        request.requiredHours().doubleValue())))
                        .compose(seq -> detail(tx, id))));
    }

    Future<JsonArray> list(Long institutionId) {
        String sql =
                """
        SELECT c.*, i.name AS institution_name, (SELECT count(*) FROM class_member m WHERE m.class_id = c.id) AS members
          FROM training_class c JOIN institution i ON i.id = c.institution_id""" + (institutionId == null ? "" : " WHERE c.institution_id = $1") + " ORDER BY c.id DESC LIMIT 500";
        return (institutionId == null
                        ? pool.query(sql).execute()
                        : pool.preparedQuery(sql).execute(Tuple.of(institutionId)))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(summary(r).put("members", r.getLong("members"))));
                    return out;
                });
    }

    /** The class's owner, or CLASS_NOT_FOUND. */
    static Future<Long> owner(SqlClient client, long classId) {
        return client.preparedQuery("SELECT institution_id FROM training_class WHERE id = $1")
                .execute(Tuple.of(classId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(InstitutionErrors.CLASS_NOT_FOUND.exception())
                        : Future.succeededFuture(rows.iterator().next().getLong("institution_id")));
    }

    Future<JsonObject> detail(long classId) {
        return detail(pool, classId);
    }

    static Future<JsonObject> detail(SqlClient client, long classId) {
        return client.preparedQuery("""
            SELECT c.*, i.name AS institution_name FROM training_class c JOIN institution i ON i.id = c.institution_id
             WHERE c.id = $1""").execute(Tuple.of(classId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(InstitutionErrors.CLASS_NOT_FOUND.exception());
            }
            JsonObject json = summary(rows.iterator().next());
            return members(client, classId).map(members -> json.put("members", members));
        });
    }

    private static JsonObject summary(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("institutionId", r.getLong("institution_id"))
                .put("institutionName", r.getString("institution_name"))
                .put("name", r.getString("name"))
                .put("operationItem", r.getString("operation_item"))
                .put("startsOn", r.getLocalDate("starts_on").toString())
                .put("endsOn", r.getLocalDate("ends_on").toString())
                .put("requiredHours", r.getBigDecimal("required_hours").doubleValue())
                .put("retainUntil", r.getLocalDate("retain_until").toString())
                .put("createdAt", Rows.instant(r, "created_at"));
    }

    /** Members with their training hours (the sum of their attendance) and each day attended. */
    static Future<JsonArray> members(SqlClient client, long classId) {
        return client.preparedQuery("""
            SELECT tr.id, tr.employer, tr.photo_enc IS NOT NULL AS photo, tr.declared_name AS full_name, p.id_number_masked,
                   COALESCE((SELECT sum(a.hours) FROM class_attendance a WHERE a.class_id = m.class_id AND a.trainee_id = m.trainee_id), 0) AS hours,
                   COALESCE((SELECT json_agg(json_build_object('day', a.day, 'hours', a.hours) ORDER BY a.day)::text
                               FROM class_attendance a WHERE a.class_id = m.class_id AND a.trainee_id = m.trainee_id), '[]') AS attendance
              FROM class_member m JOIN trainee tr ON tr.id = m.trainee_id JOIN person p ON p.id = tr.person_id
             WHERE m.class_id = $1 ORDER BY tr.id""").execute(Tuple.of(classId)).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(Trainees.json(r)
                    .put("hours", r.getBigDecimal("hours").doubleValue())
                    .put("attendance", new JsonArray(r.getString("attendance")))));
            return out;
        });
    }

    /** Adds the trainee to the class (if not yet a member) and records the given days' hours (a day given again is replaced). */
    Future<JsonObject> recordMember(long institutionId, long classId, long traineeId, List<Day> days, Actor actor) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "SELECT starts_on, ends_on FROM training_class WHERE id = $1 AND institution_id = $2")
                .execute(Tuple.of(classId, institutionId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(InstitutionErrors.CLASS_NOT_FOUND.exception());
                    }
                    Row c = rows.iterator().next();
                    for (Day day : days) {
                        if (day.day().isBefore(c.getLocalDate("starts_on"))
                                || day.day().isAfter(c.getLocalDate("ends_on"))) {
                            return Future.failedFuture(InstitutionErrors.DAY_OUTSIDE_CLASS
                                    .withDetail(day.day().toString(), day.day().toString())
                                    .exception());
                        }
                    }
                    return tx.preparedQuery("SELECT 1 FROM trainee WHERE id = $1 AND institution_id = $2")
                            .execute(Tuple.of(traineeId, institutionId));
                })
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(InstitutionErrors.TRAINEE_NOT_FOUND.exception())
                        : tx.preparedQuery(
                                        "INSERT INTO class_member (class_id, trainee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                                .execute(Tuple.of(classId, traineeId)))
                .compose(x -> days.isEmpty()
                        ? Future.succeededFuture()
                        : tx.preparedQuery("""
                INSERT INTO class_attendance (class_id, trainee_id, day, hours) VALUES ($1, $2, $3, $4)
                ON CONFLICT (class_id, trainee_id, day) DO UPDATE SET hours = EXCLUDED.hours""")
                                .executeBatch(days.stream()
                                        .map(d -> Tuple.of(classId, traineeId, d.day(), d.hours()))
                                        .toList())
                                .mapEmpty())
                .compose(x -> audit.append(
                        tx,
                        actor.entry(
                                "institution.attendance_recorded",
                                "class:" + classId,
                                new JsonObject()
                                        .put("traineeId", traineeId)
                                        .put(
                                                "days",
                                                new JsonArray(days.stream()
                                                        .map(d -> new JsonObject()
                                                                .put(
                                                                        "day",
                                                                        d.day().toString())
                                                                .put(
                                                                        "hours",
                                                                        d.hours()
                                                                                .doubleValue()))
                                                        .toList())))))
                .compose(seq -> detail(tx, classId)));
    }
}
