package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.sessions.Separation;
import org.examhall.server.sessions.SessionErrors;
import org.examhall.server.sessions.Sessions;

/** The bureau's side of an application: approve or reject, then make the approved trainees candidates of a session. */
final class ApplicationReview {

    private final Pool pool;
    private final AuditLog audit;
    private final Trainees trainees;
    private final Sessions sessions;

    ApplicationReview(Pool pool, AuditLog audit, Trainees trainees, Sessions sessions) {
        this.pool = pool;
        this.audit = audit;
        this.trainees = trainees;
        this.sessions = sessions;
    }

    Future<JsonObject> review(long applicationId, boolean approve, String reason, long bureauStaffId, Actor actor) {
        if (!approve && reason == null) {
            return Future.failedFuture(InstitutionErrors.REJECT_REASON_REQUIRED.exception());
        }
        String target = approve ? "APPROVED" : "REJECTED";
        return pool.withTransaction(tx -> Applications.lockOwned(tx, applicationId, null)
                .compose(status -> !"SUBMITTED".equals(status)
                        ? Future.failedFuture(InstitutionErrors.BAD_APPLICATION_STATE.exception())
                        : tx.preparedQuery("""
                    UPDATE exam_application SET status = $2, review_reason = $3, reviewed_by = $4, reviewed_at = now() WHERE id = $1""").execute(Tuple.of(applicationId, target, reason, bureauStaffId)))
                .compose(x -> audit.append(
                        tx,
                        actor.entry(
                                "application.reviewed",
                                "application:" + applicationId,
                                new JsonObject().put("decision", target).put("reason", reason))))
                .compose(seq -> Applications.detail(tx, applicationId, true)));
    }

    /**
     * Makes each approved trainee a candidate of the session, with their photo. Everything that can be
     * checked beforehand is (state, operation item, separation of proctors, candidates already there),
     * so a refusal adds no one; a trainee already added by an interrupted earlier call is skipped.
     */
    Future<JsonObject> assign(long applicationId, long sessionId, Actor actor) {
        return pool.preparedQuery("""
            SELECT a.status, a.institution_id, c.operation_item, s.operation_item AS session_item, s.state,
                   EXISTS (SELECT 1 FROM session_proctor sp JOIN staff_account st ON st.id = sp.staff_id
                            WHERE sp.session_id = s.id AND st.institution_id = a.institution_id) AS proctor_conflict
              FROM exam_application a JOIN training_class c ON c.id = a.class_id LEFT JOIN exam_session s ON s.id = $2
             WHERE a.id = $1""")
                .execute(Tuple.of(applicationId, sessionId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(InstitutionErrors.APPLICATION_NOT_FOUND.exception());
                    }
                    Row row = rows.iterator().next();
                    if (!"APPROVED".equals(row.getString("status"))) {
                        return Future.failedFuture(InstitutionErrors.BAD_APPLICATION_STATE.exception());
                    }
                    if (row.getString("state") == null) {
                        return Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception());
                    }
                    if (!"SCHEDULED".equals(row.getString("state"))) {
                        return Future.failedFuture(SessionErrors.REGISTRATION_CLOSED.exception());
                    }
                    if (!row.getString("operation_item").equals(row.getString("session_item"))) {
                        return Future.failedFuture(InstitutionErrors.SESSION_ITEM_MISMATCH.exception());
                    }
                    if (row.getBoolean("proctor_conflict")) {
                        return Future.failedFuture(Separation.PROCTOR_CONFLICT.exception());
                    }
                    return pending(applicationId);
                })
                .compose(pending -> Future.all(pending.stream()
                                .map(id -> trainees.forExam(pool, id))
                                .toList())
                        .map(all -> all.<Trainees.ForExam>list()))
                .compose(people -> sessions.alreadyInSession(
                                sessionId,
                                people.stream().map(Trainees.ForExam::idNumber).toList())
                        .compose(present -> present.isEmpty()
                                ? Future.succeededFuture(people)
                                : Future.failedFuture(SessionErrors.CANDIDATE_EXISTS.exception())))
                .compose(people -> addAll(applicationId, sessionId, people, actor))
                .compose(added -> pool.withTransaction(tx -> tx.preparedQuery(
                                "UPDATE exam_application SET status = 'ASSIGNED', session_id = $2 WHERE id = $1 AND status = 'APPROVED'")
                        .execute(Tuple.of(applicationId, sessionId))
                        .compose(x -> audit.append(
                                tx,
                                actor.entry(
                                        "application.assigned",
                                        "application:" + applicationId,
                                        new JsonObject()
                                                .put("sessionId", sessionId)
                                                .put("candidates", added))))
                        .compose(seq -> Applications.detail(tx, applicationId, true))));
    }

    private Future<List<Long>> pending(long applicationId) {
        return pool.preparedQuery(
                        "SELECT trainee_id FROM application_trainee WHERE application_id = $1 AND sitting_id IS NULL ORDER BY trainee_id")
                .execute(Tuple.of(applicationId))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getLong("trainee_id")));
                    return ids;
                });
    }

    private Future<JsonArray> addAll(long applicationId, long sessionId, List<Trainees.ForExam> people, Actor actor) {
        Future<JsonArray> added = Future.succeededFuture(new JsonArray());
        for (Trainees.ForExam person : people) {
            added = added.compose(out -> sessions.addCandidate(
                            sessionId, person.fullName(), person.idNumber(), null, person.photo(), actor)
                    .compose(candidate -> pool.preparedQuery(
                                    "UPDATE application_trainee SET sitting_id = $3 WHERE application_id = $1 AND trainee_id = $2")
                            .execute(Tuple.of(applicationId, person.traineeId(), candidate.getLong("sittingId")))
                            .map(x -> out.add(new JsonObject()
                                    .put("traineeId", person.traineeId())
                                    .put("sittingId", candidate.getLong("sittingId"))))));
        }
        return added;
    }
}
