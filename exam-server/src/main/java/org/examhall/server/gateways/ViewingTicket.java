package org.examhall.server.gateways;

import io.vertx.core.json.JsonObject;
import org.examhall.server.archive.BureauKeys;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Permission for one staff member to watch one room's camera at one gateway until a time, signed with
 * the bureau's SM2 key. The gateway checks it on every page, playlist and segment request
 * ({@code org.examhall.proctor.live.ViewingTicket} reads the same format).
 *
 * <p>Format: {@code base64url(payload) "." base64url(DER signature)}, where the payload is
 * {@code {"v":1,"gateway":7,"camera":"room-101","staff":12,"exp":1767225600}} and the signature is
 * SM3withSM2 over {@code "examhall-viewing-ticket|" + base64url(payload)}. The prefix keeps these
 * signatures from ever being mistaken for a result package or archive index signed by the same key.
 */
record ViewingTicket(long gatewayId, String camera, long staffId, Instant expiresAt) {

  static final String SIGNED_PREFIX = "examhall-viewing-ticket|";

  String sign(BureauKeys keys) {
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(new JsonObject().put("v", 1)
        .put("gateway", gatewayId).put("camera", camera).put("staff", staffId).put("exp", expiresAt.getEpochSecond())
        .encode().getBytes(StandardCharsets.UTF_8));
    byte[] signature = Base64.getDecoder().decode(keys.sign(SIGNED_PREFIX + payload));
    return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }
}
