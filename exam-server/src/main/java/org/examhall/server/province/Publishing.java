package org.examhall.server.province;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.audit.CanonicalJson;
import org.examhall.server.crypto.Sm3;
import org.examhall.server.crypto.Sm4Cipher;
import org.examhall.server.db.Rows;
import org.examhall.server.sessions.SessionErrors;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Publishing a scored session: in one transaction the session is marked published and one signed
 * result package per sitting goes into the outbox, with the audit entry. Every sitting gets a
 * package, absent candidates too (outcome ABSENT): the province keeps the registration and must
 * close it, and an absence counts as an attempt there.
 */
final class Publishing {

  static final int VERSION = 1;

  private final Vertx vertx;
  private final Pool pool;
  private final AuditLog audit;
  private final ProvinceKeys keys;
  private final Sm4Cipher cipher;
  private final ExamhallBureau bureau;

  record ExamhallBureau(String id, String name) {
  }

  private record Built(long sittingId, String outcome, String key, String hash, byte[] encrypted, String signature) {
  }

  Publishing(Vertx vertx, Pool pool, AuditLog audit, ProvinceKeys keys, Sm4Cipher cipher, ExamhallBureau bureau) {
    this.vertx = vertx;
    this.pool = pool;
    this.audit = audit;
    this.keys = keys;
    this.cipher = cipher;
    this.bureau = bureau;
  }

  /** SM3 (hex) of {@code bureauId|sittingId|version}: the same package always gets the same key. */
  static String idempotencyKey(String bureauId, long sittingId, int version) {
    return Sm3.hex((bureauId + "|" + sittingId + "|" + version).getBytes(StandardCharsets.UTF_8));
  }

  /** ABSENT: never started (whether or not checked in at the door). */
  static String outcome(String sittingStatus, boolean started) {
    return switch (sittingStatus) {
      case "SUBMITTED" -> "SUBMITTED";
      case "VOIDED" -> "VOIDED";
      default -> started ? "SUBMITTED" : "ABSENT";
    };
  }

  Future<JsonObject> publish(long sessionId, Actor actor) {
    if (!keys.canSign()) {
      return Future.failedFuture(ProvinceErrors.SIGNING_KEY_MISSING.exception());
    }
    Instant publishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return pool.withTransaction(tx -> session(tx, sessionId).compose(session -> {
      if (!"SCORED".equals(session.getString("state"))) {
        return Future.failedFuture(ProvinceErrors.NOT_SCORED.exception());
      }
      if (session.getString("publishedAt") != null) {
        return Future.failedFuture(ProvinceErrors.ALREADY_PUBLISHED.exception());
      }
      session.put("publishedAt", publishedAt.toString());
      return tx.preparedQuery("""
              SELECT t.id, t.ticket_no, t.seat_no, t.terminal_id, t.status, t.doubtful, t.face_failures, t.checked_in_at,
                     t.started_at, t.submitted_at, t.submit_reason, t.score, t.passed,
                     p.full_name, p.id_number_enc, p.id_number_masked
                FROM sitting t JOIN person p ON p.id = t.person_id WHERE t.session_id = $1 ORDER BY t.id""")
          .execute(Tuple.of(sessionId))
          .compose(sittings -> tx.preparedQuery("""
                  SELECT id, sitting_id, kind, severity, description, video_from, video_to, recorded_at
                    FROM incident WHERE session_id = $1 ORDER BY id""").execute(Tuple.of(sessionId))
              .compose(incidents -> vertx.executeBlocking(() -> build(session, sittings, incidents), false)))
          .compose(built -> store(tx, sessionId, publishedAt, built)
              .compose(x -> audit.append(tx, actor.entry("session.results_published", "session:" + sessionId, summary(built)
                  .put("publishedAt", publishedAt.toString()).put("keyId", keys.keyId())
                  .put("idempotencyKeys", new JsonArray(built.stream().map(Built::key).toList())))))
              .map(seq -> summary(built).put("sessionId", sessionId).put("publishedAt", publishedAt.toString())));
    }));
  }

  private static JsonObject summary(List<Built> built) {
    Map<String, Integer> counts = new TreeMap<>(Map.of("SUBMITTED", 0, "VOIDED", 0, "ABSENT", 0));
    built.forEach(b -> counts.merge(b.outcome(), 1, Integer::sum));
    return new JsonObject().put("packages", built.size()).put("outcomes", new JsonObject(new java.util.LinkedHashMap<>(counts)));
  }

  private static Future<JsonObject> session(SqlConnection tx, long sessionId) {
    return tx.preparedQuery("""
            SELECT s.id, s.title, s.operation_item, s.blueprint_id, s.starts_at, s.running_since, s.duration_minutes, s.state,
                   s.published_at, r.id AS room_id, r.name AS room_name, r.camera_key, si.id AS site_id, si.name AS site_name,
                   (SELECT g.public_url FROM gateway g WHERE g.site_id = si.id AND NOT g.disabled ORDER BY g.id LIMIT 1) AS gateway_url
              FROM exam_session s JOIN exam_room r ON r.id = s.room_id JOIN exam_site si ON si.id = r.site_id
             WHERE s.id = $1 FOR UPDATE OF s""")
        .execute(Tuple.of(sessionId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception());
          }
          Row s = rows.iterator().next();
          return Future.succeededFuture(new JsonObject()
              .put("id", s.getLong("id")).put("title", s.getString("title")).put("operationItem", s.getString("operation_item"))
              .put("blueprintId", s.getString("blueprint_id")).put("scheduledStart", Rows.instant(s, "starts_at"))
              .put("startedAt", Rows.instant(s, "running_since")).put("durationMinutes", s.getInteger("duration_minutes"))
              .put("state", s.getString("state")).put("publishedAt", Rows.instant(s, "published_at"))
              .put("site", new JsonObject().put("id", s.getLong("site_id")).put("name", s.getString("site_name")))
              .put("room", new JsonObject().put("id", s.getLong("room_id")).put("name", s.getString("room_name")))
              .put("cameraKey", s.getString("camera_key")).put("gatewayUrl", s.getString("gateway_url")));
        });
  }

  /** Worker thread: decrypts ID numbers, writes, signs and encrypts each package. */
  private List<Built> build(JsonObject session, RowSet<Row> sittings, RowSet<Row> incidents) {
    List<Built> out = new ArrayList<>();
    for (Row t : sittings) {
      long sittingId = t.getLong("id");
      String key = idempotencyKey(bureau.id(), sittingId, VERSION);
      String outcome = outcome(t.getString("status"), t.getOffsetDateTime("started_at") != null);
      String idNumber = new String(cipher.decrypt(t.getBuffer("id_number_enc").getBytes()), StandardCharsets.US_ASCII);
      String json = CanonicalJson.write(resultPackage(session, t, key, outcome, idNumber, incidents).getMap());
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      out.add(new Built(sittingId, outcome, key, Sm3.hex(bytes), cipher.encrypt(bytes), Sm2.sign(keys.signingKey(), json)));
    }
    return out;
  }

  /** The package as the README's envelope section describes it. */
  private JsonObject resultPackage(JsonObject session, Row t, String key, String outcome, String idNumber, RowSet<Row> incidents) {
    boolean absent = "ABSENT".equals(outcome);
    String from = Rows.instant(t, "checked_in_at") != null ? Rows.instant(t, "checked_in_at") : Rows.instant(t, "started_at");
    String to = Rows.instant(t, "submitted_at");
    JsonArray ownIncidents = new JsonArray();
    for (Row i : incidents) {
      Long about = i.getLong("sitting_id");
      if (about == null || about == t.getLong("id").longValue()) {
        ownIncidents.add(new JsonObject().put("id", i.getLong("id")).put("scope", about == null ? "ROOM" : "CANDIDATE")
            .put("kind", i.getString("kind")).put("severity", i.getString("severity"))
            .put("description", i.getString("description")).put("recordedAt", Rows.instant(i, "recorded_at"))
            .put("videoFrom", Rows.instant(i, "video_from")).put("videoTo", Rows.instant(i, "video_to")));
      }
    }
    JsonObject video = absent || from == null ? null : new JsonObject()
        .put("cameraKey", session.getString("cameraKey")).put("gatewayUrl", session.getString("gatewayUrl"))
        .put("from", from).put("to", to);
    return new JsonObject()
        .put("format", "examhall-result/1")
        .put("idempotencyKey", key)
        .put("version", VERSION)
        .put("bureau", new JsonObject().put("id", bureau.id()).put("name", bureau.name()))
        .put("session", new JsonObject().put("id", session.getLong("id")).put("title", session.getString("title"))
            .put("scheduledStart", session.getString("scheduledStart")).put("startedAt", session.getString("startedAt"))
            .put("durationMinutes", session.getInteger("durationMinutes")).put("publishedAt", session.getString("publishedAt")))
        .put("sittingId", t.getLong("id"))
        .put("ticketNo", t.getString("ticket_no"))
        .put("candidate", new JsonObject().put("fullName", t.getString("full_name")).put("idNumber", idNumber)
            .put("idNumberMasked", t.getString("id_number_masked")))
        .put("operationItem", session.getString("operationItem"))
        .put("blueprintId", session.getString("blueprintId"))
        .put("outcome", outcome)
        .put("score", absent || t.getBigDecimal("score") == null ? null : t.getBigDecimal("score").doubleValue())
        .put("passed", absent ? Boolean.FALSE : t.getBoolean("passed"))
        .put("submitReason", t.getString("submit_reason"))
        .put("times", new JsonObject().put("checkedInAt", Rows.instant(t, "checked_in_at"))
            .put("startedAt", Rows.instant(t, "started_at")).put("submittedAt", to))
        .put("site", session.getJsonObject("site"))
        .put("room", session.getJsonObject("room"))
        .put("seatNo", t.getInteger("seat_no"))
        .put("terminalId", t.getLong("terminal_id"))
        .put("doubtful", t.getBoolean("doubtful"))
        .put("faceFailures", t.getInteger("face_failures"))
        .put("incidents", ownIncidents)
        .put("video", video);
  }

  private Future<Void> store(SqlConnection tx, long sessionId, Instant publishedAt, List<Built> built) {
    Future<?> marked = tx.preparedQuery("UPDATE exam_session SET published_at = $2 WHERE id = $1")
        .execute(Tuple.of(sessionId, publishedAt.atOffset(ZoneOffset.UTC)));
    if (built.isEmpty()) {
      return marked.mapEmpty();
    }
    return marked.compose(x -> tx.preparedQuery("""
            INSERT INTO province_outbox (session_id, sitting_id, version, bureau_id, idempotency_key, outcome, package_enc,
                                         package_hash, signature, key_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
        .executeBatch(built.stream().map(b -> Tuple.tuple().addLong(sessionId).addLong(b.sittingId()).addInteger(VERSION)
            .addString(bureau.id()).addString(b.key()).addString(b.outcome()).addBuffer(Buffer.buffer(b.encrypted()))
            .addString(b.hash()).addString(b.signature()).addString(keys.keyId())).toList()))
        .mapEmpty();
  }
}
