package org.examhall.server.gateways;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.db.Rows;
import org.examhall.server.live.RoomEvents;
import org.examhall.server.proctoring.ProctorActions;
import org.examhall.server.sessions.ProctorAssignments;

/**
 * Anomalies flagged by a gateway's detectors. They reach the consoles of the session running in the
 * camera's room at once; proctors confirm (which records an incident with the video range) or
 * dismiss them with a reason. An anomaly never changes a result by itself.
 */
public final class Anomalies {

    public static final Set<String> KINDS = Set.of(
            "CAMERA_OFFLINE",
            "BLACK_PICTURE",
            "FROZEN_PICTURE",
            "AUDIO_LOST",
            "TALKING",
            "FACE_COUNT",
            "ARCHIVE_FAILING");

    private final Pool pool;
    private final AuditLog audit;
    private final RoomEvents events;
    private final ProctorActions actions;

    public Anomalies(Pool pool, AuditLog audit, RoomEvents events, ProctorActions actions) {
        this.pool = pool;
        this.audit = audit;
        this.events = events;
        this.actions = actions;
    }

    public record Report(
            String cameraKey,
            String kind,
            Instant startedAt,
            Instant endedAt,
            double confidence,
            String clipUrl,
            String detail,
            String detailZh) {

        /** Same camera, kind and start: the same anomaly, however often the gateway resends it. */
        String key(long gatewayId) {
            return Sm3.hex(
                    (gatewayId + "|" + cameraKey + "|" + kind + "|" + startedAt).getBytes(StandardCharsets.UTF_8));
        }
    }

    public Future<JsonObject> receive(Gateways.Gateway gateway, Report report) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
            WITH room AS (SELECT id FROM exam_room WHERE site_id = $1 AND camera_key = $2),
                 session AS (SELECT s.id FROM exam_session s JOIN room r ON r.id = s.room_id
                              WHERE s.state IN ('CHECK_IN', 'RUNNING') ORDER BY s.id DESC LIMIT 1)
            INSERT INTO anomaly (gateway_id, room_id, session_id, camera_key, kind, started_at, ended_at, confidence,
                                 clip_url, detail, report_key, detail_zh)
            VALUES ($3, (SELECT id FROM room), (SELECT id FROM session), $2, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (report_key) DO UPDATE SET ended_at = coalesce(excluded.ended_at, anomaly.ended_at)
            RETURNING id, session_id, (xmax = 0) AS inserted""")
                        .execute(Tuple.tuple()
                                .addLong(gateway.siteId())
                                .addString(report.cameraKey())
                                .addLong(gateway.id())
                                .addString(report.kind())
                                .addOffsetDateTime(report.startedAt().atOffset(ZoneOffset.UTC))
                                .addOffsetDateTime(
                                        report.endedAt() == null
                                                ? null
                                                : report.endedAt().atOffset(ZoneOffset.UTC))
                                .addValue(BigDecimal.valueOf(Math.round(report.confidence() * 1000) / 1000.0))
                                .addString(report.clipUrl())
                                .addString(report.detail() == null ? "" : report.detail())
                                .addString(report.key(gateway.id()))
                                .addString(report.detailZh() == null ? "" : report.detailZh()))
                        .compose(rows -> {
                            Row row = rows.iterator().next();
                            long id = row.getLong("id");
                            Long sessionId = row.getLong("session_id");
                            boolean inserted = row.getBoolean("inserted");
                            JsonObject out = new JsonObject()
                                    .put("id", id)
                                    .put("sessionId", sessionId)
                                    .put("duplicate", !inserted);
                            if (!inserted) {
                                return Future.succeededFuture(out);
                            }
                            Actor actor = new Actor("gateway:" + gateway.name(), "GATEWAY", "gateway-" + id);
                            return audit.append(
                                            tx,
                                            actor.entry(
                                                    "anomaly.reported",
                                                    "anomaly:" + id,
                                                    new JsonObject()
                                                            .put("camera", report.cameraKey())
                                                            .put("kind", report.kind())
                                                            .put("sessionId", sessionId)
                                                            .put(
                                                                    "startedAt",
                                                                    report.startedAt()
                                                                            .toString())
                                                            .put("confidence", report.confidence())))
                                    .map(seq -> out);
                        }))
                .onSuccess(out -> {
                    if (!out.getBoolean("duplicate") && out.getLong("sessionId") != null) {
                        events.alert(
                                out.getLong("sessionId"),
                                null,
                                "ANOMALY",
                                new JsonObject()
                                        .put("anomalyId", out.getLong("id"))
                                        .put("kind", report.kind())
                                        .put("camera", report.cameraKey())
                                        .put("startedAt", report.startedAt().toString())
                                        .put(
                                                "endedAt",
                                                report.endedAt() == null
                                                        ? null
                                                        : report.endedAt().toString())
                                        .put("confidence", report.confidence())
                                        .put("clipUrl", report.clipUrl())
                                        .put("detail", report.detail())
                                        .put("details", details(report.detailZh(), report.detail())));
                    }
                });
    }

    /** The detail in both languages, as the pages' {zh, en} messages; a gateway that sent only English shows English. */
    private static JsonObject details(String zh, String en) {
        String english = en == null ? "" : en;
        return new JsonObject()
                .put("zh", zh == null || zh.isEmpty() ? english : zh)
                .put("en", english);
    }

    public Future<JsonArray> forSession(long sessionId) {
        return pool.preparedQuery("""
            SELECT a.id, a.kind, a.camera_key, a.started_at, a.ended_at, a.confidence, a.clip_url, a.detail, a.detail_zh, a.status,
                   a.reviewed_by, a.review_reason, g.public_url
              FROM anomaly a LEFT JOIN gateway g ON g.id = a.gateway_id
             WHERE a.session_id = $1 ORDER BY a.started_at DESC LIMIT 500""").execute(Tuple.of(sessionId)).map(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) {
                out.add(new JsonObject()
                        .put("id", r.getLong("id"))
                        .put("kind", r.getString("kind"))
                        .put("camera", r.getString("camera_key"))
                        .put(
                                "startedAt",
                                r.getOffsetDateTime("started_at").toInstant().toString())
                        .put("endedAt", Rows.instant(r, "ended_at"))
                        .put("confidence", r.getBigDecimal("confidence").doubleValue())
                        .put("clipUrl", clipUrl(r))
                        .put("detail", r.getString("detail"))
                        .put("details", details(r.getString("detail_zh"), r.getString("detail")))
                        .put("status", r.getString("status"))
                        .put("reviewedBy", r.getLong("reviewed_by"))
                        .put("reviewReason", r.getString("review_reason")));
            }
            return out;
        });
    }

    /** Rows stored before links were checked on intake may hold anything: only the gateway's own links are shown. */
    private static String clipUrl(Row row) {
        String url = row.getString("clip_url");
        return url != null && ClipLinks.onGateway(url, row.getString("public_url")) ? url : null;
    }

    /** A proctor of the session decides; a confirmation becomes an incident that points at the video. */
    public Future<JsonObject> review(
            long anomalyId, boolean confirm, String reason, Long sittingId, long proctorId, Actor actor) {
        return pool.preparedQuery("SELECT session_id, kind, started_at, ended_at, status FROM anomaly WHERE id = $1")
                .execute(Tuple.of(anomalyId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(GatewayErrors.ANOMALY_NOT_FOUND.exception());
                    }
                    Row row = rows.iterator().next();
                    Long sessionId = row.getLong("session_id");
                    if (sessionId == null) {
                        return Future.failedFuture(GatewayErrors.NO_SESSION_FOR_ANOMALY.exception());
                    }
                    return ProctorAssignments.require(pool, sessionId, proctorId)
                            .compose(x -> pool.withTransaction(tx -> tx.preparedQuery("""
                  UPDATE anomaly SET status = $2, reviewed_by = $3, review_reason = $4, reviewed_at = now()
                   WHERE id = $1 AND status = 'OPEN'""")
                                            .execute(Tuple.of(
                                                    anomalyId, confirm ? "CONFIRMED" : "DISMISSED", proctorId, reason))
                                            .compose(updated -> updated.rowCount() == 0
                                                    ? Future.failedFuture(GatewayErrors.ALREADY_REVIEWED.exception())
                                                    : audit.append(
                                                            tx,
                                                            actor.entry(
                                                                    confirm ? "anomaly.confirmed" : "anomaly.dismissed",
                                                                    "anomaly:" + anomalyId,
                                                                    new JsonObject()
                                                                            .put("reason", reason)
                                                                            .put("sittingId", sittingId)))))
                                    .compose(seq -> !confirm
                                            ? Future.succeededFuture(new JsonObject())
                                            : actions.recordIncident(
                                                    sessionId,
                                                    sittingId,
                                                    "ANOMALY_" + row.getString("kind"),
                                                    "NOTE",
                                                    reason,
                                                    row.getOffsetDateTime("started_at")
                                                            .toInstant(),
                                                    row.getOffsetDateTime("ended_at") == null
                                                            ? null
                                                            : row.getOffsetDateTime("ended_at")
                                                                    .toInstant(),
                                                    proctorId,
                                                    actor))
                                    .map(incident -> new JsonObject()
                                            .put("id", anomalyId)
                                            .put("status", confirm ? "CONFIRMED" : "DISMISSED")
                                            .put("incidentId", incident.getLong("id"))));
                });
    }
}
