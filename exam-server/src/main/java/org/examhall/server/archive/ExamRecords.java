package org.examhall.server.archive;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examhall.server.db.Rows;

/** The exam side of a class's archive: its trainees' sittings with papers, answer logs and scores, incidents and video references. */
final class ExamRecords {

    private final Pool pool;

    ExamRecords(Pool pool) {
        this.pool = pool;
    }

    /**
     * One sitting of a class member, with everything the archive keeps of it.
     *
     * @param firstPaper the paper as first scored when a key correction has since replaced it, else null
     */
    record Sitting(
            long id,
            long sessionId,
            JsonObject summary,
            JsonObject paper,
            JsonObject scoreReport,
            JsonArray answerLog,
            JsonObject firstPaper) {}

    Future<List<Sitting>> sittings(long classId) {
        return pool.preparedQuery("""
            SELECT r.application_id, r.trainee_id, t.*, p.full_name, p.id_number_masked
              FROM application_trainee r JOIN exam_application a ON a.id = r.application_id
              JOIN sitting t ON t.id = r.sitting_id JOIN person p ON p.id = t.person_id
             WHERE a.class_id = $1 ORDER BY t.id""").execute(Tuple.of(classId)).compose(rows -> {
            Map<Long, Row> byId = new LinkedHashMap<>();
            rows.forEach(r -> byId.put(r.getLong("id"), r));
            Long[] ids = byId.keySet().toArray(new Long[0]);
            return answerLogs(ids)
                    .compose(logs -> firstPapers(ids).map(firstPapers -> {
                        List<Sitting> out = new ArrayList<>();
                        byId.forEach((id, r) -> out.add(new Sitting(
                                id,
                                r.getLong("session_id"),
                                summary(r),
                                r.getString("paper") == null ? null : new JsonObject(r.getString("paper")),
                                r.getString("score_report") == null
                                        ? null
                                        : new JsonObject(r.getString("score_report")),
                                logs.getOrDefault(id, new JsonArray()),
                                firstPapers.get(id))));
                        return out;
                    }));
        });
    }

    private static JsonObject summary(Row r) {
        return new JsonObject()
                .put("sittingId", r.getLong("id"))
                .put("sessionId", r.getLong("session_id"))
                .put("applicationId", r.getLong("application_id"))
                .put("traineeId", r.getLong("trainee_id"))
                .put("fullName", r.getString("full_name"))
                .put("idNumberMasked", r.getString("id_number_masked"))
                .put("ticketNo", r.getString("ticket_no"))
                .put("seatNo", r.getInteger("seat_no"))
                .put("terminalId", r.getLong("terminal_id"))
                .put("status", r.getString("status"))
                .put("doubtful", r.getBoolean("doubtful"))
                .put("checkedInAt", Rows.instant(r, "checked_in_at"))
                .put("startedAt", Rows.instant(r, "started_at"))
                .put("deadline", Rows.instant(r, "deadline"))
                .put("submittedAt", Rows.instant(r, "submitted_at"))
                .put("submitReason", r.getString("submit_reason"))
                .put("paperSeed", r.getLong("paper_seed"))
                .put(
                        "score",
                        r.getBigDecimal("score") == null
                                ? null
                                : r.getBigDecimal("score").doubleValue())
                .put("passed", r.getBoolean("passed"));
    }

    /** Every answer step of each sitting, in sequence: the append-only log the final answers derive from. */
    private Future<Map<Long, JsonArray>> answerLogs(Long[] sittingIds) {
        return pool.preparedQuery(
                        "SELECT sitting_id, seq, item_no, labels, received_at FROM answer_step WHERE sitting_id = ANY($1) ORDER BY sitting_id, seq")
                .execute(Tuple.tuple().addArrayOfLong(sittingIds))
                .map(rows -> {
                    Map<Long, JsonArray> logs = new LinkedHashMap<>();
                    rows.forEach(r -> logs.computeIfAbsent(r.getLong("sitting_id"), k -> new JsonArray())
                            .add(new JsonObject()
                                    .put("seq", r.getInteger("seq"))
                                    .put("item", r.getInteger("item_no"))
                                    .put("labels", r.getString("labels"))
                                    .put("receivedAt", Rows.instant(r, "received_at"))));
                    return logs;
                });
    }

    /** The paper each sitting had before its first key correction: the one its first published result was scored on. */
    private Future<Map<Long, JsonObject>> firstPapers(Long[] sittingIds) {
        return pool.preparedQuery("""
            SELECT DISTINCT ON (sitting_id) sitting_id, paper_before FROM result_correction
             WHERE sitting_id = ANY($1) AND paper_before IS NOT NULL ORDER BY sitting_id, version""")
                .execute(Tuple.tuple().addArrayOfLong(sittingIds))
                .map(rows -> {
                    Map<Long, JsonObject> papers = new LinkedHashMap<>();
                    rows.forEach(r -> papers.put(r.getLong("sitting_id"), new JsonObject(r.getString("paper_before"))));
                    return papers;
                });
    }

    /** The session's room signatures and, for the class's sittings, incidents and video references (camera and time range). */
    Future<JsonObject> sessionExtras(long sessionId, List<Sitting> classSittings) {
        Long[] ids = classSittings.stream().map(Sitting::id).toArray(Long[]::new);
        return pool.preparedQuery("""
            SELECT s.id, r.name AS room, r.camera_key, r.site_id, x.name AS site
              FROM exam_session s JOIN exam_room r ON r.id = s.room_id JOIN exam_site x ON x.id = r.site_id WHERE s.id = $1""")
                .execute(Tuple.of(sessionId))
                .compose(session -> pool.preparedQuery(
                                "SELECT staff_id, record_hash, signed_at FROM room_record_signoff WHERE session_id = $1 ORDER BY signed_at")
                        .execute(Tuple.of(sessionId))
                        .compose(signoffs -> pool.preparedQuery("""
                    SELECT id, sitting_id, kind, severity, description, video_from, video_to, recorded_by, recorded_at
                      FROM incident WHERE session_id = $1 AND sitting_id = ANY($2) ORDER BY id""")
                                .execute(Tuple.tuple().addLong(sessionId).addArrayOfLong(ids))
                                .map(incidents -> {
                                    Row room = session.iterator().next();
                                    JsonArray signatures = new JsonArray();
                                    signoffs.forEach(s -> signatures.add(new JsonObject()
                                            .put("staffId", s.getLong("staff_id"))
                                            .put("recordHash", s.getString("record_hash"))
                                            .put("signedAt", Rows.instant(s, "signed_at"))));
                                    JsonArray incidentList = new JsonArray();
                                    JsonArray ranges = new JsonArray();
                                    incidents.forEach(i -> {
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
                                        if (i.getOffsetDateTime("video_from") != null) {
                                            ranges.add(new JsonObject()
                                                    .put("incidentId", i.getLong("id"))
                                                    .put("from", Rows.instant(i, "video_from"))
                                                    .put("to", Rows.instant(i, "video_to")));
                                        }
                                    });
                                    JsonArray sittingRanges = new JsonArray();
                                    classSittings.stream()
                                            .filter(s -> s.sessionId() == sessionId)
                                            .forEach(s -> sittingRanges.add(new JsonObject()
                                                    .put("sittingId", s.id())
                                                    .put("seatNo", s.summary().getInteger("seatNo"))
                                                    .put("from", first(s.summary(), "checkedInAt", "startedAt"))
                                                    .put("to", first(s.summary(), "submittedAt", "deadline"))));
                                    JsonObject video = new JsonObject()
                                            .put("siteId", room.getLong("site_id"))
                                            .put("site", room.getString("site"))
                                            .put("room", room.getString("room"))
                                            .put("cameraKey", room.getString("camera_key"))
                                            .put("sittings", sittingRanges)
                                            .put("incidents", ranges);
                                    return new JsonObject()
                                            .put("signatures", signatures)
                                            .put("incidents", incidentList)
                                            .put("video", video);
                                })));
    }

    private static String first(JsonObject json, String a, String b) {
        return json.getString(a) != null ? json.getString(a) : json.getString(b);
    }
}
