package org.examhall.server.proctoring;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.audit.CanonicalJson;
import org.examhall.server.db.Rows;
import org.examhall.server.sessions.ProctorAssignments;
import org.examhall.server.sessions.SessionErrors;
import org.examhall.server.sitting.SittingStatus;

/**
 * The room record (考场记录): attendance, timings and incidents of a closed session. Two proctors
 * sign it, each with their own login; a signature covers the SM3 hash of the record as they saw it.
 */
public final class RoomRecord {

    private final Pool pool;
    private final AuditLog audit;

    public RoomRecord(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    public Future<JsonObject> build(long sessionId) {
        return build(pool, sessionId);
    }

    private static Future<JsonObject> build(SqlClient client, long sessionId) {
        return client.preparedQuery("""
            SELECT s.id, s.title, s.state, s.starts_at, s.running_since, s.duration_minutes, r.name AS room
              FROM exam_session s JOIN exam_room r ON r.id = s.room_id WHERE s.id = $1""").execute(Tuple.of(sessionId)).compose(sessions -> {
            if (sessions.size() == 0) {
                return Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception());
            }
            Row session = sessions.iterator().next();
            JsonObject record = new JsonObject()
                    .put("sessionId", sessionId)
                    .put("title", session.getString("title"))
                    .put("room", session.getString("room"))
                    .put("state", session.getString("state"))
                    .put(
                            "scheduledStart",
                            session.getOffsetDateTime("starts_at").toInstant().toString())
                    .put("startedAt", Rows.instant(session, "running_since"))
                    .put("durationMinutes", session.getInteger("duration_minutes"));
            return client.preparedQuery("""
                  SELECT t.id, t.seat_no, t.ticket_no, t.status, t.doubtful, t.photo_enrolled_at_door, t.checked_in_at, t.started_at, t.submitted_at,
                         t.submit_reason, t.extra_seconds, p.full_name, p.id_number_masked
                    FROM sitting t JOIN person p ON p.id = t.person_id WHERE t.session_id = $1 ORDER BY t.seat_no NULLS LAST, t.id""")
                    .execute(Tuple.of(sessionId))
                    .compose(sittings -> client.preparedQuery("""
                      SELECT id, sitting_id, kind, severity, description, video_from, video_to, recorded_by, recorded_at
                        FROM incident WHERE session_id = $1 ORDER BY id""")
                            .execute(Tuple.of(sessionId))
                            .compose(incidents -> signalCounts(client, sessionId)
                                    .map(signals -> {
                                        JsonArray candidates = new JsonArray();
                                        int present = 0;
                                        for (Row t : sittings) {
                                            boolean attended = SittingStatus.valueOf(t.getString("status"))
                                                    != SittingStatus.REGISTERED;
                                            present += attended ? 1 : 0;
                                            candidates.add(new JsonObject()
                                                    .put("sittingId", t.getLong("id"))
                                                    .put("seatNo", t.getInteger("seat_no"))
                                                    .put("ticketNo", t.getString("ticket_no"))
                                                    .put("fullName", t.getString("full_name"))
                                                    .put("idNumberMasked", t.getString("id_number_masked"))
                                                    .put("attended", attended)
                                                    .put("status", t.getString("status"))
                                                    .put("doubtful", t.getBoolean("doubtful"))
                                                    .put("photoEnrolledAtDoor", t.getBoolean("photo_enrolled_at_door"))
                                                    .put("checkedInAt", Rows.instant(t, "checked_in_at"))
                                                    .put("startedAt", Rows.instant(t, "started_at"))
                                                    .put("submittedAt", Rows.instant(t, "submitted_at"))
                                                    .put("submitReason", t.getString("submit_reason"))
                                                    .put("extraSeconds", t.getInteger("extra_seconds"))
                                                    .put(
                                                            "signals",
                                                            signals.getOrDefault(t.getLong("id"), new JsonObject())));
                                        }
                                        JsonArray incidentList = new JsonArray();
                                        for (Row i : incidents) {
                                            incidentList.add(new JsonObject()
                                                    .put("id", i.getLong("id"))
                                                    .put("sittingId", i.getLong("sitting_id"))
                                                    .put("kind", i.getString("kind"))
                                                    .put("severity", i.getString("severity"))
                                                    .put("description", i.getString("description"))
                                                    .put("videoFrom", Rows.instant(i, "video_from"))
                                                    .put("videoTo", Rows.instant(i, "video_to"))
                                                    .put("recordedBy", i.getLong("recorded_by"))
                                                    .put("recordedAt", Rows.instant(i, "recorded_at")));
                                        }
                                        return record.put(
                                                        "attendance",
                                                        new JsonObject()
                                                                .put("registered", sittings.size())
                                                                .put("present", present)
                                                                .put("absent", sittings.size() - present))
                                                .put("candidates", candidates)
                                                .put("incidents", incidentList);
                                    })));
        });
    }

    /** Per sitting, how many of each kiosk signal its terminal raised: part of what the proctors sign. */
    private static Future<Map<Long, JsonObject>> signalCounts(SqlClient client, long sessionId) {
        return client.preparedQuery(
                        "SELECT sitting_id, kind, count(*) AS n FROM kiosk_signal WHERE session_id = $1 GROUP BY 1, 2")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    Map<Long, JsonObject> counts = new HashMap<>();
                    rows.forEach(r -> counts.computeIfAbsent(r.getLong("sitting_id"), id -> new JsonObject())
                            .put(r.getString("kind"), r.getLong("n")));
                    return counts;
                });
    }

    public static String hash(JsonObject record) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) (Map<?, ?>) record.getMap();
        return Sm3.hex(CanonicalJson.write(map).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Who has signed the session's record, with the hash each signed: every proctor sees the others' signatures
     * before signing, and a signature over an earlier version of the record shows as not matching.
     */
    public Future<JsonArray> signatures(long sessionId) {
        return pool.preparedQuery("""
            SELECT s.staff_id, a.display_name, s.record_hash, s.signed_at
              FROM room_record_signoff s JOIN staff_account a ON a.id = s.staff_id
             WHERE s.session_id = $1 ORDER BY s.signed_at""").execute(Tuple.of(sessionId)).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(new JsonObject()
                    .put("staffId", r.getLong("staff_id"))
                    .put("name", r.getString("display_name"))
                    .put("recordHash", r.getString("record_hash"))
                    .put("signedAt", Rows.instant(r, "signed_at"))));
            return out;
        });
    }

    /** One proctor signs the closed session's record as it stands now. */
    public Future<JsonObject> sign(long sessionId, long proctorId, Actor actor) {
        return ProctorAssignments.require(pool, sessionId, proctorId)
                .compose(x -> pool.withTransaction(tx -> tx.preparedQuery(
                                "SELECT id FROM exam_session WHERE id = $1 FOR UPDATE")
                        .execute(Tuple.of(sessionId))
                        .compose(locked -> build(tx, sessionId))
                        .compose(record -> {
                            if (!"CLOSED".equals(record.getString("state"))) {
                                return Future.failedFuture(ProctoringErrors.SESSION_NOT_CLOSED.exception());
                            }
                            String hash = hash(record.copy().put("state", "CLOSED"));
                            return tx.preparedQuery(
                                            "INSERT INTO room_record_signoff (session_id, staff_id, record_hash) VALUES ($1, $2, $3)"
                                                    + " ON CONFLICT DO NOTHING RETURNING staff_id")
                                    .execute(Tuple.of(sessionId, proctorId, hash))
                                    .compose(rows -> rows.size() == 0
                                            ? Future.failedFuture(ProctoringErrors.ALREADY_SIGNED.exception())
                                            : audit.append(
                                                    tx,
                                                    actor.entry(
                                                            "room_record.signed",
                                                            "session:" + sessionId,
                                                            new JsonObject().put("recordHash", hash))))
                                    .compose(seq -> tx.preparedQuery(
                                                    "SELECT count(*) AS n FROM room_record_signoff WHERE session_id = $1 AND record_hash = $2")
                                            .execute(Tuple.of(sessionId, hash)))
                                    .map(rows -> new JsonObject()
                                            .put("recordHash", hash)
                                            .put(
                                                    "signatures",
                                                    rows.iterator().next().getLong("n")));
                        })));
    }
}
