package org.examhall.server.proctoring;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.live.RoomEvents;
import org.examhall.server.sessions.ProctorAssignments;
import org.examhall.server.sessions.SessionErrors;
import org.examhall.server.sitting.SittingEvent;
import org.examhall.server.sitting.SittingStatus;
import org.examhall.server.sitting.SittingStore;

/**
 * What a proctor does to one candidate: warn, pause and resume, give extra time, move to another
 * terminal, void the sitting (with a second proctor). Each is audited and pushed to the room's consoles.
 */
public final class ProctorActions {

    private final Pool pool;
    private final AuditLog audit;
    private final RoomEvents events;

    public ProctorActions(Pool pool, AuditLog audit, RoomEvents events) {
        this.pool = pool;
        this.audit = audit;
        this.events = events;
    }

    /** A warning is an incident the candidate's terminal shows at its next heartbeat. */
    public Future<JsonObject> warn(long sittingId, String message, long proctorId, Actor actor) {
        return act(
                sittingId,
                proctorId,
                (tx, sessionId, row) -> !allows(row, SittingEvent.WARN)
                        ? Future.failedFuture(ProctoringErrors.NOT_IN_PROGRESS.exception())
                        : tx.preparedQuery("""
            INSERT INTO incident (session_id, sitting_id, kind, severity, description, recorded_by)
            VALUES ($1, $2, 'WARNING', 'ORDINARY', $3, $4) RETURNING id""")
                                .execute(Tuple.of(sessionId, sittingId, message, proctorId))
                                .compose(rows -> audit.append(
                                        tx,
                                        actor.entry(
                                                "sitting.warned",
                                                "sitting:" + sittingId,
                                                new JsonObject()
                                                        .put(
                                                                "incidentId",
                                                                rows.iterator()
                                                                        .next()
                                                                        .getLong("id"))
                                                        .put("message", message))))
                                .map(seq -> new JsonObject().put("warned", true)));
    }

    public Future<JsonObject> pause(long sittingId, long proctorId, Actor actor) {
        return act(sittingId, proctorId, (tx, sessionId, row) -> {
            if (!allows(row, SittingEvent.PAUSE)) {
                return Future.failedFuture(ProctoringErrors.NOT_IN_PROGRESS.exception());
            }
            return SittingStore.pause(tx, sittingId)
                    .compose(x ->
                            audit.append(tx, actor.entry("sitting.paused", "sitting:" + sittingId, new JsonObject())))
                    .map(seq -> new JsonObject().put("status", SittingStatus.PAUSED.name()));
        });
    }

    /** The deadline moves by the length of the pause: a paused candidate loses no time. */
    public Future<JsonObject> resume(long sittingId, long proctorId, Actor actor) {
        return act(sittingId, proctorId, (tx, sessionId, row) -> {
            if (!allows(row, SittingEvent.RESUME)) {
                return Future.failedFuture(ProctoringErrors.NOT_PAUSED.exception());
            }
            return SittingStore.resume(tx, sittingId).compose(moved -> {
                String deadline = moved.toString();
                return audit.append(
                                tx,
                                actor.entry(
                                        "sitting.resumed",
                                        "sitting:" + sittingId,
                                        new JsonObject().put("deadline", deadline)))
                        .map(seq -> new JsonObject()
                                .put("status", SittingStatus.ANSWERING.name())
                                .put("deadline", deadline));
            });
        });
    }

    public Future<JsonObject> extraTime(long sittingId, int minutes, String reason, long proctorId, Actor actor) {
        return act(sittingId, proctorId, (tx, sessionId, row) -> {
            if (!allows(row, SittingEvent.EXTRA_TIME)) {
                return Future.failedFuture(ProctoringErrors.NOT_IN_PROGRESS.exception());
            }
            return SittingStore.extraTime(tx, sittingId, minutes).compose(totalExtraSeconds -> {
                JsonObject details = new JsonObject()
                        .put("minutes", minutes)
                        .put("reason", reason)
                        .put("totalExtraSeconds", totalExtraSeconds);
                return audit.append(tx, actor.entry("sitting.extra_time", "sitting:" + sittingId, details))
                        .map(seq -> details);
            });
        });
    }

    /**
     * Moves a candidate to the terminal at another seat (hardware failure). Answers belong to the
     * sitting, so all of them move along; the old terminal's candidate token stops working at once.
     */
    public Future<JsonObject> move(long sittingId, int seatNo, long proctorId, Actor actor) {
        return act(
                sittingId,
                proctorId,
                (tx, sessionId, row) -> !allows(row, SittingEvent.MOVE)
                        ? Future.failedFuture(ProctoringErrors.NOT_IN_PROGRESS.exception())
                        : tx.preparedQuery("""
            SELECT m.id FROM terminal m JOIN exam_session s ON s.room_id = m.room_id
             WHERE s.id = $1 AND m.seat_no = $2 AND m.enrolled_at IS NOT NULL AND NOT m.disabled
               AND NOT EXISTS (SELECT 1 FROM sitting o WHERE o.session_id = s.id AND o.id <> $3
                                AND (o.seat_no = m.seat_no OR o.terminal_id = m.id))""")
                                .execute(Tuple.of(sessionId, seatNo, sittingId))
                                .compose(rows -> {
                                    if (rows.size() == 0) {
                                        return Future.failedFuture(ProctoringErrors.SEAT_UNAVAILABLE.exception());
                                    }
                                    long terminalId = rows.iterator().next().getLong("id");
                                    JsonObject details = new JsonObject()
                                            .put("fromSeat", row.getInteger("seat_no"))
                                            .put("toSeat", seatNo)
                                            .put("fromTerminal", row.getLong("terminal_id"))
                                            .put("toTerminal", terminalId);
                                    return SittingStore.move(tx, sittingId, seatNo, terminalId)
                                            .compose(x -> audit.append(
                                                    tx, actor.entry("sitting.moved", "sitting:" + sittingId, details)))
                                            .map(seq -> details);
                                }));
    }

    /**
     * Voiding for serious misconduct needs two proctors: the first request waits; a different
     * proctor's confirmation voids the sitting (no score) and records a serious incident.
     */
    public Future<JsonObject> voidSitting(long sittingId, String reason, long proctorId, Actor actor) {
        return act(
                sittingId,
                proctorId,
                (tx, sessionId, row) -> !allows(row, SittingEvent.VOID)
                        ? Future.failedFuture(ProctoringErrors.NOT_IN_PROGRESS.exception())
                        : tx.preparedQuery(
                                        "SELECT requested_by, reason FROM pending_void WHERE sitting_id = $1 FOR UPDATE")
                                .execute(Tuple.of(sittingId))
                                .compose(pending -> {
                                    if (pending.size() == 0) {
                                        return tx.preparedQuery(
                                                        "INSERT INTO pending_void (sitting_id, requested_by, reason) VALUES ($1, $2, $3)")
                                                .execute(Tuple.of(sittingId, proctorId, reason))
                                                .compose(x -> audit.append(
                                                        tx,
                                                        actor.entry(
                                                                "sitting.void_requested",
                                                                "sitting:" + sittingId,
                                                                new JsonObject().put("reason", reason))))
                                                .map(seq -> new JsonObject()
                                                        .put("voided", false)
                                                        .put("waitingFor", "a second proctor"));
                                    }
                                    Row request = pending.iterator().next();
                                    if (request.getLong("requested_by") == proctorId) {
                                        return Future.failedFuture(
                                                ProctoringErrors.VOID_PENDING_SAME_PROCTOR.exception());
                                    }
                                    String agreedReason = request.getString("reason");
                                    return SittingStore.voidSitting(tx, sittingId)
                                            .compose(x -> tx.preparedQuery("""
                      INSERT INTO incident (session_id, sitting_id, kind, severity, description, recorded_by)
                      VALUES ($1, $2, 'VOIDED', 'SERIOUS', $3, $4)""")
                                                    .execute(Tuple.of(sessionId, sittingId, agreedReason, proctorId)))
                                            .compose(x -> tx.preparedQuery(
                                                            "DELETE FROM pending_void WHERE sitting_id = $1")
                                                    .execute(Tuple.of(sittingId)))
                                            .compose(x -> audit.append(
                                                    tx,
                                                    actor.entry(
                                                            "sitting.voided",
                                                            "sitting:" + sittingId,
                                                            new JsonObject()
                                                                    .put("reason", agreedReason)
                                                                    .put("requestedBy", request.getLong("requested_by"))
                                                                    .put("confirmedBy", proctorId))))
                                            .map(seq -> new JsonObject().put("voided", true));
                                }));
    }

    public Future<JsonObject> recordIncident(
            long sessionId,
            Long sittingId,
            String kind,
            String severity,
            String description,
            Instant videoFrom,
            Instant videoTo,
            long proctorId,
            Actor actor) {
        return ProctorAssignments.require(pool, sessionId, proctorId)
                .compose(x -> pool.withTransaction(tx -> requireUnsigned(tx, sessionId)
                        .compose(unsigned -> tx.preparedQuery("""
            INSERT INTO incident (session_id, sitting_id, kind, severity, description, video_from, video_to, recorded_by)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8
             WHERE $2::bigint IS NULL OR EXISTS (SELECT 1 FROM sitting WHERE id = $2 AND session_id = $1)
            RETURNING id""")
                                .execute(Tuple.tuple()
                                        .addLong(sessionId)
                                        .addLong(sittingId)
                                        .addString(kind)
                                        .addString(severity)
                                        .addString(description)
                                        .addOffsetDateTime(
                                                videoFrom == null ? null : videoFrom.atOffset(ZoneOffset.UTC))
                                        .addOffsetDateTime(videoTo == null ? null : videoTo.atOffset(ZoneOffset.UTC))
                                        .addLong(proctorId))
                                .compose(rows -> {
                                    if (rows.size() == 0) {
                                        return Future.failedFuture(SessionErrors.SITTING_NOT_FOUND.exception());
                                    }
                                    long id = rows.iterator().next().getLong("id");
                                    return audit.append(
                                                    tx,
                                                    actor.entry(
                                                            "incident.recorded",
                                                            "incident:" + id,
                                                            new JsonObject()
                                                                    .put("sessionId", sessionId)
                                                                    .put("sittingId", sittingId)
                                                                    .put("kind", kind)
                                                                    .put("severity", severity)))
                                            .map(seq -> new JsonObject().put("id", id));
                                }))))
                .onSuccess(r -> {
                    if (sittingId != null) {
                        events.sittingChanged(sessionId, sittingId);
                    }
                });
    }

    private static boolean allows(Row sitting, SittingEvent event) {
        return event.allowedFrom(SittingStatus.valueOf(sitting.getString("status")));
    }

    private interface Action {
        Future<JsonObject> run(SqlConnection tx, long sessionId, Row sitting);
    }

    private Future<JsonObject> act(long sittingId, long proctorId, Action action) {
        return ProctorAssignments.requireForSitting(pool, sittingId, proctorId)
                .compose(sessionId -> pool.withTransaction(tx -> requireUnsigned(tx, sessionId)
                                .compose(x -> tx.preparedQuery(
                                                "SELECT status, seat_no, terminal_id FROM sitting WHERE id = $1 FOR UPDATE")
                                        .execute(Tuple.of(sittingId)))
                                .compose(rows -> action.run(
                                        tx, sessionId, rows.iterator().next())))
                        .onSuccess(r -> events.sittingChanged(sessionId, sittingId)));
    }

    /**
     * Once a proctor has signed the room record it is what they signed: no incident, warning or void
     * is added behind their signature, and after scoring only the bureau's correction path changes a
     * result. The session row is locked so that a signature and an incident cannot cross.
     */
    private static Future<Void> requireUnsigned(SqlConnection tx, long sessionId) {
        return tx.preparedQuery("""
            SELECT EXISTS (SELECT 1 FROM room_record_signoff r WHERE r.session_id = s.id) AS signed
              FROM exam_session s WHERE s.id = $1 FOR UPDATE""")
                .execute(Tuple.of(sessionId))
                .compose(rows -> rows.iterator().next().getBoolean("signed")
                        ? Future.failedFuture(ProctoringErrors.RECORD_SIGNED.exception())
                        : Future.succeededFuture());
    }
}
