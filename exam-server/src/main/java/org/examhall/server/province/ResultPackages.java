package org.examhall.server.province;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.audit.CanonicalJson;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.db.Rows;
import org.examhall.server.sessions.SessionErrors;
import org.examhall.server.sitting.SittingOutcome;
import org.examhall.server.sitting.SittingStatus;

/**
 * Result packages as docs/province.md's envelope section describes them, written, signed and encrypted
 * from what the database holds inside the caller's transaction, and queued in the outbox. The first
 * publication and every later correction go through here, so a corrected version is built exactly
 * like the one it supersedes.
 */
public final class ResultPackages {

    private final Vertx vertx;
    private final ProvinceKeys keys;
    private final DataKeyRing cipher;
    private final ExamhallBureau bureau;

    record ExamhallBureau(String id, String name) {}

    /**
     * Which version a package is and, for a correction, what it supersedes and why.
     *
     * @param correction null for the first version; otherwise {kind, reason, correctedAt}
     */
    public record Version(int number, Integer supersedes, JsonObject correction) {

        public static final Version FIRST = new Version(1, null, null);
    }

    public record Built(
            long sittingId, SittingOutcome outcome, String key, String hash, byte[] encrypted, String signature) {}

    ResultPackages(Vertx vertx, ProvinceKeys keys, DataKeyRing cipher, ExamhallBureau bureau) {
        this.vertx = vertx;
        this.keys = keys;
        this.cipher = cipher;
        this.bureau = bureau;
    }

    String keyId() {
        return keys.keyId();
    }

    /** SM3 (hex) of {@code bureauId|sittingId|version}: the same package always gets the same key. */
    public static String idempotencyKey(String bureauId, long sittingId, int version) {
        return Sm3.hex((bureauId + "|" + sittingId + "|" + version).getBytes(StandardCharsets.UTF_8));
    }

    /** The session as packages show it, locked for the caller's transaction. */
    public static Future<JsonObject> session(SqlConnection tx, long sessionId) {
        return tx.preparedQuery("""
            SELECT s.id, s.title, s.operation_item, s.blueprint_id, s.starts_at, s.running_since, s.duration_minutes, s.state,
                   s.published_at, r.id AS room_id, r.name AS room_name, r.camera_key, si.id AS site_id, si.name AS site_name,
                   (SELECT g.public_url FROM gateway g WHERE g.site_id = si.id AND NOT g.disabled ORDER BY g.id LIMIT 1) AS gateway_url
              FROM exam_session s JOIN exam_room r ON r.id = s.room_id JOIN exam_site si ON si.id = r.site_id
             WHERE s.id = $1 FOR UPDATE OF s""").execute(Tuple.of(sessionId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception());
            }
            Row s = rows.iterator().next();
            return Future.succeededFuture(new JsonObject()
                    .put("id", s.getLong("id"))
                    .put("title", s.getString("title"))
                    .put("operationItem", s.getString("operation_item"))
                    .put("blueprintId", s.getString("blueprint_id"))
                    .put("scheduledStart", Rows.instant(s, "starts_at"))
                    .put("startedAt", Rows.instant(s, "running_since"))
                    .put("durationMinutes", s.getInteger("duration_minutes"))
                    .put("state", s.getString("state"))
                    .put("publishedAt", Rows.instant(s, "published_at"))
                    .put(
                            "site",
                            new JsonObject().put("id", s.getLong("site_id")).put("name", s.getString("site_name")))
                    .put(
                            "room",
                            new JsonObject().put("id", s.getLong("room_id")).put("name", s.getString("room_name")))
                    .put("cameraKey", s.getString("camera_key"))
                    .put("gatewayUrl", s.getString("gateway_url")));
        });
    }

    /** Packages for the session's sittings (or only {@code sittingId} when given), as they stand in {@code tx}. */
    public Future<List<Built>> build(SqlConnection tx, JsonObject session, Long sittingId, Version version) {
        long sessionId = session.getLong("id");
        return tx.preparedQuery("""
              SELECT t.id, t.ticket_no, t.seat_no, t.terminal_id, t.status, t.doubtful, t.face_failures, t.checked_in_at,
                     t.started_at, t.submitted_at, t.submit_reason, t.score, t.passed,
                     p.full_name, p.id_number_enc, p.id_number_masked
                FROM sitting t JOIN person p ON p.id = t.person_id
               WHERE t.session_id = $1 AND ($2::bigint IS NULL OR t.id = $2) ORDER BY t.id""")
                .execute(Tuple.of(sessionId, sittingId))
                .compose(sittings -> tx.preparedQuery("""
                SELECT id, sitting_id, kind, severity, description, video_from, video_to, recorded_at
                  FROM incident WHERE session_id = $1 ORDER BY id""")
                        .execute(Tuple.of(sessionId))
                        .compose(incidents ->
                                vertx.executeBlocking(() -> build(session, sittings, incidents, version), false)));
    }

    /** Worker thread: decrypts ID numbers, writes, signs and encrypts each package. */
    private List<Built> build(JsonObject session, RowSet<Row> sittings, RowSet<Row> incidents, Version version) {
        List<Built> out = new ArrayList<>();
        for (Row t : sittings) {
            long sittingId = t.getLong("id");
            String key = idempotencyKey(bureau.id(), sittingId, version.number());
            SittingOutcome outcome = SittingOutcome.of(
                    SittingStatus.valueOf(t.getString("status")), t.getOffsetDateTime("started_at") != null);
            String idNumber =
                    new String(cipher.decrypt(t.getBuffer("id_number_enc").getBytes()), StandardCharsets.US_ASCII);
            String json = CanonicalJson.write(resultPackage(session, t, key, outcome, idNumber, incidents, version)
                    .getMap());
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            out.add(new Built(sittingId, outcome, key, Sm3.hex(bytes), cipher.encrypt(bytes), keys.sign(json)));
        }
        return out;
    }

    private JsonObject resultPackage(
            JsonObject session,
            Row t,
            String key,
            SittingOutcome outcome,
            String idNumber,
            RowSet<Row> incidents,
            Version version) {
        boolean absent = outcome == SittingOutcome.ABSENT;
        String from = Rows.instant(t, "checked_in_at") != null
                ? Rows.instant(t, "checked_in_at")
                : Rows.instant(t, "started_at");
        String to = Rows.instant(t, "submitted_at");
        JsonArray ownIncidents = new JsonArray();
        for (Row i : incidents) {
            Long about = i.getLong("sitting_id");
            if (about == null || about == t.getLong("id").longValue()) {
                ownIncidents.add(new JsonObject()
                        .put("id", i.getLong("id"))
                        .put("scope", about == null ? "ROOM" : "CANDIDATE")
                        .put("kind", i.getString("kind"))
                        .put("severity", i.getString("severity"))
                        .put("description", i.getString("description"))
                        .put("recordedAt", Rows.instant(i, "recorded_at"))
                        .put("videoFrom", Rows.instant(i, "video_from"))
                        .put("videoTo", Rows.instant(i, "video_to")));
            }
        }
        JsonObject video = absent || from == null
                ? null
                : new JsonObject()
                        .put("cameraKey", session.getString("cameraKey"))
                        .put("gatewayUrl", session.getString("gatewayUrl"))
                        .put("from", from)
                        .put("to", to);
        return new JsonObject()
                .put("format", "examhall-result/1")
                .put("idempotencyKey", key)
                .put("version", version.number())
                .put("supersedes", version.supersedes())
                .put("correction", version.correction())
                .put("bureau", new JsonObject().put("id", bureau.id()).put("name", bureau.name()))
                .put(
                        "session",
                        new JsonObject()
                                .put("id", session.getLong("id"))
                                .put("title", session.getString("title"))
                                .put("scheduledStart", session.getString("scheduledStart"))
                                .put("startedAt", session.getString("startedAt"))
                                .put("durationMinutes", session.getInteger("durationMinutes"))
                                .put("publishedAt", session.getString("publishedAt")))
                .put("sittingId", t.getLong("id"))
                .put("ticketNo", t.getString("ticket_no"))
                .put(
                        "candidate",
                        new JsonObject()
                                .put("fullName", t.getString("full_name"))
                                .put("idNumber", idNumber)
                                .put("idNumberMasked", t.getString("id_number_masked")))
                .put("operationItem", session.getString("operationItem"))
                .put("blueprintId", session.getString("blueprintId"))
                .put("outcome", outcome.name())
                .put(
                        "score",
                        absent || t.getBigDecimal("score") == null
                                ? null
                                : t.getBigDecimal("score").doubleValue())
                .put("passed", absent ? Boolean.FALSE : t.getBoolean("passed"))
                .put("submitReason", t.getString("submit_reason"))
                .put(
                        "times",
                        new JsonObject()
                                .put("checkedInAt", Rows.instant(t, "checked_in_at"))
                                .put("startedAt", Rows.instant(t, "started_at"))
                                .put("submittedAt", to))
                .put("site", session.getJsonObject("site"))
                .put("room", session.getJsonObject("room"))
                .put("seatNo", t.getInteger("seat_no"))
                .put("terminalId", t.getLong("terminal_id"))
                .put("doubtful", t.getBoolean("doubtful"))
                .put("faceFailures", t.getInteger("face_failures"))
                .put("incidents", ownIncidents)
                .put("video", video);
    }

    /** Queues the packages in the caller's transaction. */
    public Future<Void> enqueue(SqlConnection tx, long sessionId, List<Built> built, Version version) {
        if (built.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery("""
            INSERT INTO province_outbox (session_id, sitting_id, version, supersedes, bureau_id, idempotency_key, outcome,
                                         package_enc, package_hash, signature, key_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                .executeBatch(built.stream()
                        .map(b -> Tuple.tuple()
                                .addLong(sessionId)
                                .addLong(b.sittingId())
                                .addInteger(version.number())
                                .addInteger(version.supersedes())
                                .addString(bureau.id())
                                .addString(b.key())
                                .addString(b.outcome().name())
                                .addBuffer(Buffer.buffer(b.encrypted()))
                                .addString(b.hash())
                                .addString(b.signature())
                                .addString(keys.keyId()))
                        .toList())
                .mapEmpty();
    }
}
