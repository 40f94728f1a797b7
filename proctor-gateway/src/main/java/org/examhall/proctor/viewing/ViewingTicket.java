package org.examhall.proctor.viewing;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.examhall.proctor.manifest.SealSignature;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * exam-server's permission for one staff member to watch one room of one gateway until a time, for one
 * purpose: the live picture, or the recording between two times (issued by
 * {@code org.examhall.server.gateways.ViewingTicket}, which documents the format):
 * {@code base64url(payload) "." base64url(SM3withSM2 signature over "examhall-viewing-ticket|" + base64url(payload))},
 * payload {@code {"v":2,"gateway":7,"camera":"room-101","staff":12,"exp":<epoch s>,"purpose":"live"}} or
 * {@code ...,"purpose":"playback","from":<epoch s>,"to":<epoch s>}. exam-server's camera key is the gateway's
 * room id. Version 1 tickets named no purpose or range and are refused.
 */
public record ViewingTicket(long gatewayId, String room, long staffId, Instant expiresAt, Purpose purpose, Instant from, Instant to) {

    static final String SIGNED_PREFIX = "examhall-viewing-ticket|";
    private static final int MAX_LENGTH = 1024;
    private static final int VERSION = 2;

    public enum Purpose {
        LIVE, PLAYBACK
    }

    /** Thrown for anything that is not a ticket signed by the key: the caller answers 401 either way. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether a playback ticket lets its holder see recording between {@code start} and {@code end}. */
    public boolean covers(Instant start, Instant end) {
        return purpose == Purpose.PLAYBACK && !start.isBefore(from) && !end.isAfter(to);
    }

    /** Whether a playback ticket lets its holder see any of the recording between {@code start} and {@code end}. */
    public boolean overlaps(Instant start, Instant end) {
        return purpose == Purpose.PLAYBACK && start.isBefore(to) && end.isAfter(from);
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
            return fields(new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw new Invalid("malformed ticket");
        }
    }

    private static ViewingTicket fields(JsonObject fields) throws Invalid {
        if (fields.getInteger("v", 0) != VERSION) {
            throw new Invalid("unknown ticket version");
        }
        Long gateway = fields.getLong("gateway");
        String camera = fields.getString("camera");
        Long staff = fields.getLong("staff");
        Long expires = fields.getLong("exp");
        String purpose = fields.getString("purpose");
        if (gateway == null || camera == null || staff == null || expires == null || purpose == null) {
            throw new Invalid("incomplete ticket");
        }
        if (purpose.equals("live")) {
            return new ViewingTicket(gateway, camera, staff, Instant.ofEpochSecond(expires), Purpose.LIVE, null, null);
        }
        Long from = fields.getLong("from");
        Long to = fields.getLong("to");
        if (!purpose.equals("playback") || from == null || to == null || to <= from) {
            throw new Invalid("no purpose or range");
        }
        return new ViewingTicket(gateway, camera, staff, Instant.ofEpochSecond(expires), Purpose.PLAYBACK,
                Instant.ofEpochSecond(from), Instant.ofEpochSecond(to));
    }
}
