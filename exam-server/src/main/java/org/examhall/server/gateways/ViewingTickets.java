package org.examhall.server.gateways;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.protocol.viewing.ViewingTicket;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.crypto.BureauKeys;
import org.examhall.server.db.Rows;
import org.examhall.server.http.Role;
import org.examhall.server.http.StaffPrincipal;
import org.examhall.server.rooms.RoomErrors;
import org.examhall.server.sessions.SessionErrors;

/**
 * Who may watch a room's camera, for what, and the tickets that let them. For a session: bureau admins
 * live at any time, a proctor live only while assigned and the session is in check-in or running; both
 * may replay the session's window ({@link VideoRange#ofSession}), a proctor only while assigned and once
 * the session has opened. Beyond a session: a bureau admin or an auditor may replay any range of a room,
 * at most a day per ticket, with a reason. Every issue is audited, with what it opens but never the
 * ticket. The gateway trusts the bureau's public key, which it fetches once with its own bearer token
 * ({@link #verificationKey}).
 */
public final class ViewingTickets {

    /** Long enough for a page load and a few refreshes missed; the console renews well before. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final Set<String> LIVE_STATES = Set.of("CHECK_IN", "RUNNING");
    private static final String AUDIT_ACTION = "video.ticket_issued";

    private final Pool pool;
    private final AuditLog audit;
    private final BureauKeys keys;
    private final Clock clock;

    public ViewingTickets(Pool pool, AuditLog audit, BureauKeys keys, Clock clock) {
        this.pool = pool;
        this.audit = audit;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Where the session room's camera is served and, when there is one, a live ticket (while the caller may
     * watch live) and a playback ticket for the session's window.
     */
    public Future<JsonObject> forSession(long sessionId, StaffPrincipal staff, Actor actor) {
        return pool.preparedQuery("""
            SELECT s.state, s.starts_at, s.duration_minutes, s.running_since, s.closed_at, r.camera_key,
                   g.id AS gateway_id, g.public_url,
                   EXISTS (SELECT 1 FROM session_proctor p WHERE p.session_id = s.id AND p.staff_id = $2) AS assigned
              FROM exam_session s JOIN exam_room r ON r.id = s.room_id
              LEFT JOIN gateway g ON g.site_id = r.site_id AND NOT g.disabled
             WHERE s.id = $1 ORDER BY g.id LIMIT 1""")
                .execute(Tuple.of(sessionId, staff.staffId()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception());
                    }
                    Row row = rows.iterator().next();
                    String state = row.getString("state");
                    boolean bureau = staff.role() == Role.BUREAU_ADMIN;
                    if (!bureau && !row.getBoolean("assigned")) {
                        return Future.failedFuture(SessionErrors.NOT_ASSIGNED.exception());
                    }
                    if (!bureau && state.equals("SCHEDULED")) {
                        return Future.failedFuture(GatewayErrors.VIDEO_NOT_LIVE.exception());
                    }
                    boolean live = bureau || LIVE_STATES.contains(state);
                    Instant now = clock.instant();
                    VideoRange window = VideoRange.ofSession(
                            row.getOffsetDateTime("starts_at").toInstant(),
                            Duration.ofMinutes(row.getInteger("duration_minutes")),
                            Rows.instantValue(row, "running_since"),
                            Rows.instantValue(row, "closed_at"),
                            LIVE_STATES.contains(state),
                            now);
                    return issue(row, staff, live, window, actor, "session:" + sessionId, new JsonObject());
                });
    }

    /** A bureau admin's or auditor's ticket to replay {@code range} of a room's camera, whatever the sessions. */
    public Future<JsonObject> forRoom(long roomId, VideoRange range, String reason, StaffPrincipal staff, Actor actor) {
        return pool.preparedQuery("""
            SELECT r.camera_key, g.id AS gateway_id, g.public_url
              FROM exam_room r LEFT JOIN gateway g ON g.site_id = r.site_id AND NOT g.disabled
             WHERE r.id = $1 ORDER BY g.id LIMIT 1""")
                .execute(Tuple.of(roomId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(RoomErrors.ROOM_NOT_FOUND.exception())
                        : issue(
                                rows.iterator().next(),
                                staff,
                                false,
                                range,
                                actor,
                                "room:" + roomId,
                                new JsonObject().put("reason", reason)));
    }

    private Future<JsonObject> issue(
            Row row,
            StaffPrincipal staff,
            boolean live,
            VideoRange range,
            Actor actor,
            String target,
            JsonObject audited) {
        String base = row.getString("public_url");
        String camera = row.getString("camera_key");
        JsonObject out = new JsonObject().put("gatewayUrl", base).put("cameraKey", camera);
        if (base == null || camera == null) {
            return Future.succeededFuture(out.put("available", false).putNull("livePage"));
        }
        if (!keys.canSign()) {
            return Future.failedFuture(GatewayErrors.TICKETS_UNAVAILABLE.exception());
        }
        long gatewayId = row.getLong("gateway_id");
        Instant expires = clock.instant().plus(LIFETIME);
        out.put("available", true).put("expiresAt", expires.toString());
        if (live) {
            String ticket = ViewingTicket.live(gatewayId, camera, staff.staffId(), expires)
                    .sign(keys::sign);
            // The gateway serves its own player page (hls.js); consoles embed it, so no cross-origin media fetches.
            out.put("ticket", ticket).put("livePage", base + "/live/" + camera + "?ticket=" + ticket);
        } else {
            out.putNull("livePage");
        }
        String playback = ViewingTicket.playback(gatewayId, camera, staff.staffId(), expires, range.from(), range.to())
                .sign(keys::sign);
        out.put(
                "playback",
                new JsonObject()
                        .put("ticket", playback)
                        .put("from", range.from().toString())
                        .put("to", range.to().toString()));
        return audit.append(actor.entry(
                        AUDIT_ACTION,
                        target,
                        audited.put("gatewayId", gatewayId)
                                .put("camera", camera)
                                .put("expiresAt", expires.toString())
                                .put("live", live)
                                .put("playbackFrom", range.from().toString())
                                .put("playbackTo", range.to().toString())))
                .map(seq -> out);
    }

    /** What a gateway needs to check tickets: its own id (tickets name it) and the bureau's public key. */
    public JsonObject verificationKey(Gateways.Gateway gateway) {
        if (!keys.canSign()) {
            throw GatewayErrors.TICKETS_UNAVAILABLE.exception();
        }
        return new JsonObject()
                .put("gatewayId", gateway.id())
                .put("algorithm", Sm2.ALGORITHM)
                .put("keyId", keys.keyId())
                .put("publicKey", Sm2.pem(keys.publicKey()));
    }
}
