package org.examhall.server.sessions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.examhall.protocol.http.ApiError;

/**
 * 考培分离 between proctors and institutions: no proctor who works at an institution serves a session
 * in which a trainee of that institution sits. Checked inside the transaction that would break the
 * rule (scheduling with proctors, adding a candidate, linking a proctor), after its own writes, so
 * the whole change is rolled back when it does.
 */
public final class Separation {

    public static final ApiError PROCTOR_CONFLICT = new ApiError(
            409,
            "PROCTOR_INSTITUTION_CONFLICT",
            "考培分离：监考员所在培训机构的学员在该场次考试，不能安排其监考",
            "Training and examination are separate: a proctor cannot serve a session where trainees of their institution sit");

    private Separation() {}

    /** Fails with PROCTOR_INSTITUTION_CONFLICT if a proctor of the session works where one of its candidates trained. */
    public static Future<Void> checkSession(SqlClient tx, long sessionId) {
        return conflicts(tx, """
        SELECT a.username FROM session_proctor sp JOIN staff_account a ON a.id = sp.staff_id
         WHERE sp.session_id = $1 AND a.institution_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM sitting t JOIN trainee tr ON tr.person_id = t.person_id
                        WHERE t.session_id = sp.session_id AND tr.institution_id = a.institution_id)
         LIMIT 1""", sessionId);
    }

    /** The same rule from the proctor's side: their unfinished sessions must hold none of their institution's trainees. */
    public static Future<Void> checkProctor(SqlClient tx, long staffId) {
        return conflicts(tx, """
        SELECT a.username FROM session_proctor sp JOIN staff_account a ON a.id = sp.staff_id
          JOIN exam_session s ON s.id = sp.session_id
         WHERE sp.staff_id = $1 AND a.institution_id IS NOT NULL AND s.state IN ('SCHEDULED', 'CHECK_IN', 'RUNNING')
           AND EXISTS (SELECT 1 FROM sitting t JOIN trainee tr ON tr.person_id = t.person_id
                        WHERE t.session_id = sp.session_id AND tr.institution_id = a.institution_id)
         LIMIT 1""", staffId);
    }

    private static Future<Void> conflicts(SqlClient tx, String sql, long id) {
        return tx.preparedQuery(sql).execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture();
            }
            String proctor = rows.iterator().next().getString("username");
            return Future.failedFuture(PROCTOR_CONFLICT
                    .withDetail("监考员 " + proctor, "proctor " + proctor)
                    .exception());
        });
    }
}
