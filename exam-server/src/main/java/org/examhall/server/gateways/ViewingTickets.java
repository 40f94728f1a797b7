package org.examhall.server.gateways;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.archive.BureauKeys;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Role;
import org.examhall.server.http.StaffPrincipal;
import org.examhall.server.province.Sm2;
import org.examhall.server.sessions.SessionErrors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Who may watch a session's room camera, and the ticket that lets them: bureau admins always, a
 * proctor only while assigned to the session and the session is in check-in or running. Every
 * issued ticket is audited. The gateway trusts the bureau's public key, which it fetches once with
 * its own bearer token ({@link #verificationKey}).
 */
public final class ViewingTickets {

  /** Long enough for a page load and a few refreshes missed; the console renews well before. */
  static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final Set<String> LIVE_STATES = Set.of("CHECK_IN", "RUNNING");

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

  /** Where the session room's camera is served and, when there is one, a ticket to watch it. */
  public Future<JsonObject> forSession(long sessionId, StaffPrincipal staff, Actor actor) {
    return pool.preparedQuery("""
            SELECT s.state, r.camera_key, g.id AS gateway_id, g.public_url,
                   EXISTS (SELECT 1 FROM session_proctor p WHERE p.session_id = s.id AND p.staff_id = $2) AS assigned
              FROM exam_session s JOIN exam_room r ON r.id = s.room_id
              LEFT JOIN gateway g ON g.site_id = r.site_id AND NOT g.disabled
             WHERE s.id = $1 ORDER BY g.id LIMIT 1""").execute(Tuple.of(sessionId, staff.staffId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception());
          }
          Row row = rows.iterator().next();
          if (staff.role() != Role.BUREAU_ADMIN) {
            if (!row.getBoolean("assigned")) {
              return Future.failedFuture(SessionErrors.NOT_ASSIGNED.exception());
            }
            if (!LIVE_STATES.contains(row.getString("state"))) {
              return Future.failedFuture(GatewayErrors.VIDEO_NOT_LIVE.exception());
            }
          }
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
          String ticket = new ViewingTicket(gatewayId, camera, staff.staffId(), expires).sign(keys);
          // The ticket itself is a credential: the audit records who, which camera and until when, never the ticket.
          return audit.append(actor.entry("video.ticket_issued", "session:" + sessionId, new JsonObject()
                  .put("gatewayId", gatewayId).put("camera", camera).put("expiresAt", expires.toString())))
              .map(seq -> out.put("available", true).put("ticket", ticket).put("expiresAt", expires.toString())
                  // The gateway serves its own player page (hls.js); consoles embed it, so no cross-origin media fetches.
                  .put("livePage", base + "/live/" + camera + "?ticket=" + ticket));
        });
  }

  /** What a gateway needs to check tickets: its own id (tickets name it) and the bureau's public key. */
  public JsonObject verificationKey(Gateways.Gateway gateway) {
    if (!keys.canSign()) {
      throw GatewayErrors.TICKETS_UNAVAILABLE.exception();
    }
    return new JsonObject().put("gatewayId", gateway.id()).put("algorithm", Sm2.ALGORITHM).put("keyId", keys.keyId())
        .put("publicKey", Sm2.pem(keys.publicKey()));
  }
}
