package org.examhall.server.sessions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.http.Role;
import org.examhall.server.http.StaffPrincipal;

/** Proctors act only on the sessions they are assigned to. */
public final class ProctorAssignments {

    private ProctorAssignments() {}

    public static Future<Void> require(SqlClient client, long sessionId, long staffId) {
        return client.preparedQuery("""
            SELECT EXISTS (SELECT 1 FROM exam_session WHERE id = $1) AS session,
                   EXISTS (SELECT 1 FROM session_proctor WHERE session_id = $1 AND staff_id = $2) AS assigned""").execute(Tuple.of(sessionId, staffId)).compose(rows -> {
            var row = rows.iterator().next();
            if (!row.getBoolean("session")) {
                return Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception());
            }
            return row.getBoolean("assigned")
                    ? Future.succeededFuture()
                    : Future.failedFuture(SessionErrors.NOT_ASSIGNED.exception());
        });
    }

    /** Reads of a session: the bureau (and auditors where the route lets them in) see every session, a proctor only their own. */
    public static Future<Void> requireIfProctor(SqlClient client, long sessionId, StaffPrincipal principal) {
        return principal.role() == Role.PROCTOR
                ? require(client, sessionId, principal.staffId())
                : Future.succeededFuture();
    }

    /** The session a sitting belongs to, after checking the proctor is assigned to it. */
    public static Future<Long> requireForSitting(SqlClient client, long sittingId, long staffId) {
        return client.preparedQuery("SELECT session_id FROM sitting WHERE id = $1")
                .execute(Tuple.of(sittingId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(SessionErrors.SITTING_NOT_FOUND.exception());
                    }
                    long sessionId = rows.iterator().next().getLong("session_id");
                    return require(client, sessionId, staffId).map(sessionId);
                });
    }
}
