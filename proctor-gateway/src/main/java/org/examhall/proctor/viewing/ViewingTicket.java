package org.examhall.proctor.viewing;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.examhall.proctor.manifest.SealSignature;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * exam-server's permission for one staff member to watch one room of one gateway until a time
 * (issued by {@code org.examhall.server.gateways.ViewingTicket}, which documents the format):
 * {@code base64url(payload) "." base64url(SM3withSM2 signature over "examhall-viewing-ticket|" + base64url(payload))},
 * payload {@code {"v":1,"gateway":7,"camera":"room-101","staff":12,"exp":<epoch seconds>}}. exam-server's
 * camera key is the gateway's room id.
 */
public record ViewingTicket(long gatewayId, String room, long staffId, Instant expiresAt) {

    static final String SIGNED_PREFIX = "examhall-viewing-ticket|";
    private static final int MAX_LENGTH = 1024;

    /** Thrown for anything that is not a ticket signed by the key: the caller answers 401 either way. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public static ViewingTicket verify(String token, PublicKey key) throws Invalid {
        if (token == null || token.length() > MAX_LENGTH) {
            throw new Invalid("no ticket");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new Invalid("not a ticket");
        }
        String payload = token.substring(0, dot);
        try {
            String signature = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(token.substring(dot + 1)));
            if (!SealSignature.verify(key, SIGNED_PREFIX + payload, signature)) {
                throw new Invalid("bad signature");
            }
            JsonObject fields = new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
            if (fields.getInteger("v", 0) != 1) {
                throw new Invalid("unknown ticket version");
            }
            Long gateway = fields.getLong("gateway");
            String camera = fields.getString("camera");
            Long staff = fields.getLong("staff");
            Long expires = fields.getLong("exp");
            if (gateway == null || camera == null || staff == null || expires == null) {
                throw new Invalid("incomplete ticket");
            }
            return new ViewingTicket(gateway, camera, staff, Instant.ofEpochSecond(expires));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw new Invalid("malformed ticket");
        }
    }
}
