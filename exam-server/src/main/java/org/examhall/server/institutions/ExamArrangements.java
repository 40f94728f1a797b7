package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.db.Rows;

/**
 * What an institution tells its trainees once the bureau has assigned them to a session: when and
 * where the exam is, the admission ticket number, and the seat once it is drawn (seats are drawn
 * when check-in opens, never chosen by the institution). Its own trainees only; no paper or score
 * (those are in {@link PublishedResults}, after publication).
 */
final class ExamArrangements {

    private final Pool pool;

    ExamArrangements(Pool pool) {
        this.pool = pool;
    }

    Future<JsonArray> of(long institutionId) {
        return pool.preparedQuery("""
            SELECT a.id AS application_id, a.retake_of, c.operation_item, tr.declared_name AS full_name, p.id_number_masked,
                   s.title, s.starts_at, s.duration_minutes, r.name AS room_name, si.name AS site_name,
                   t.ticket_no, t.seat_no, %s
              FROM exam_application a JOIN application_trainee m ON m.application_id = a.id
              JOIN training_class c ON c.id = a.class_id JOIN trainee tr ON tr.id = m.trainee_id
              JOIN person p ON p.id = tr.person_id JOIN sitting t ON t.id = m.sitting_id
              JOIN exam_session s ON s.id = t.session_id JOIN exam_room r ON r.id = s.room_id JOIN exam_site si ON si.id = r.site_id
             WHERE a.institution_id = $1 ORDER BY s.starts_at DESC, a.id DESC, tr.declared_name""".formatted(Applications.STAGE_COLUMN))
                .execute(Tuple.of(institutionId))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    for (Row r : rows) {
                        out.add(new JsonObject()
                                .put("applicationId", r.getLong("application_id"))
                                .put("retake", r.getLong("retake_of") != null)
                                .put("operationItem", r.getString("operation_item"))
                                .put("fullName", r.getString("full_name"))
                                .put("idNumberMasked", r.getString("id_number_masked"))
                                .put("sessionTitle", r.getString("title"))
                                .put("startsAt", Rows.instant(r, "starts_at"))
                                .put("durationMinutes", r.getInteger("duration_minutes"))
                                .put("site", r.getString("site_name"))
                                .put("room", r.getString("room_name"))
                                .put("ticketNo", r.getString("ticket_no"))
                                .put("seatNo", r.getInteger("seat_no"))
                                .put("stage", r.getString("stage")));
                    }
                    return out;
                });
    }
}
