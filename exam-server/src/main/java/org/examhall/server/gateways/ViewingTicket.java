package org.examhall.server.gateways;

import io.vertx.core.json.JsonObject;
import org.examhall.server.archive.BureauKeys;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Permission for one staff member to watch one room's camera at one gateway until a time, for one
 * purpose: the live picture, or the recording between two times. Signed with the bureau's SM2 key; the
 * gateway checks it on every page, playlist and segment request and refuses it for the other purpose or
 * outside its range ({@code org.examhall.proctor.viewing.ViewingTicket} reads the same format).
 *
 * <p>Format: {@code base64url(payload) "." base64url(DER signature)}, where the payload is
 * {@code {"v":2,"gateway":7,"camera":"room-101","staff":12,"exp":1767225600,"purpose":"live"}} or
 * {@code {...,"purpose":"playback","from":1767222000,"to":1767229200}} (epoch seconds) and the signature is
 * SM3withSM2 over {@code "examhall-viewing-ticket|" + base64url(payload)}. The prefix keeps these
 * signatures from ever being mistaken for a result package or archive index signed by the same key.
 * Version 1 named no purpose or range, so it opened the room's whole archive; gateways refuse it.
 */
record ViewingTicket(long gatewayId, String camera, long staffId, Instant expiresAt, VideoRange playback) {

  static final String SIGNED_PREFIX = "examhall-viewing-ticket|";

  static ViewingTicket live(long gatewayId, String camera, long staffId, Instant expiresAt) {
    return new ViewingTicket(gatewayId, camera, staffId, expiresAt, null);
  }

  static ViewingTicket playback(long gatewayId, String camera, long staffId, Instant expiresAt, VideoRange range) {
    return new ViewingTicket(gatewayId, camera, staffId, expiresAt, range);
  }

  String sign(BureauKeys keys) {
    JsonObject fields = new JsonObject().put("v", 2).put("gateway", gatewayId).put("camera", camera).put("staff", staffId)
        .put("exp", expiresAt.getEpochSecond());
    if (playback == null) {
      fields.put("purpose", "live");
    } else {
      fields.put("purpose", "playback").put("from", playback.from().getEpochSecond())
          .put("to", playback.to().getEpochSecond());
    }
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(fields.encode().getBytes(StandardCharsets.UTF_8));
    byte[] signature = Base64.getDecoder().decode(keys.sign(SIGNED_PREFIX + payload));
    return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }
}
