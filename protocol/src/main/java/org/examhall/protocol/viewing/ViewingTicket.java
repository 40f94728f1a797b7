package org.examhall.protocol.viewing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.examhall.protocol.crypto.Sm2;

/**
 * Permission for one staff member to watch one room's camera at one gateway until a time, for one
 * purpose: the live picture, or the recording between two times. exam-server signs it with the bureau's
 * SM2 key ({@link #sign}); the gateway checks it ({@link #verify}) on every page, playlist and segment
 * request and refuses it for the other purpose or outside its range. exam-server's camera key is the
 * gateway's room id.
 *
 * <p>Format: {@code base64url(payload) "." base64url(DER signature)}, where the payload is
 * {@code {"v":2,"gateway":7,"camera":"room-101","staff":12,"exp":1767225600,"purpose":"live"}} or
 * {@code {...,"purpose":"playback","from":1767222000,"to":1767229200}} (epoch seconds) and the signature is
 * SM3withSM2 over {@code "examhall-viewing-ticket|" + base64url(payload)}. The prefix keeps these
 * signatures from ever being mistaken for a result package or archive index signed by the same key.
 * Version 1 named no purpose or range, so it opened the room's whole archive; gateways refuse it.
 */
public record ViewingTicket(
        long gatewayId, String camera, long staffId, Instant expiresAt, Purpose purpose, Instant from, Instant to) {

    static final String SIGNED_PREFIX = "examhall-viewing-ticket|";
    private static final int MAX_LENGTH = 1024;
    private static final int VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Purpose {
        LIVE,
        PLAYBACK
    }

    /** Thrown for anything that is not a ticket signed by the key: the gateway answers 401 either way. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public static ViewingTicket live(long gatewayId, String camera, long staffId, Instant expiresAt) {
        return new ViewingTicket(gatewayId, camera, staffId, expiresAt, Purpose.LIVE, null, null);
    }

    public static ViewingTicket playback(
            long gatewayId, String camera, long staffId, Instant expiresAt, Instant from, Instant to) {
        return new ViewingTicket(gatewayId, camera, staffId, expiresAt, Purpose.PLAYBACK, from, to);
    }

    /** Whether a playback ticket lets its holder see recording between {@code start} and {@code end}. */
    public boolean covers(Instant start, Instant end) {
        return purpose == Purpose.PLAYBACK && !start.isBefore(from) && !end.isAfter(to);
    }

    /** Whether a playback ticket lets its holder see any of the recording between {@code start} and {@code end}. */
    public boolean overlaps(Instant start, Instant end) {
        return purpose == Purpose.PLAYBACK && start.isBefore(to) && end.isAfter(from);
    }

    /**
     * The ticket's token.
     *
     * @param signer base64 of the DER SM3withSM2 signature over the UTF-8 text it is given (the bureau's key)
     */
    public String sign(UnaryOperator<String> signer) {
        ObjectNode fields = JSON.createObjectNode()
                .put("v", VERSION)
                .put("gateway", gatewayId)
                .put("camera", camera)
                .put("staff", staffId)
                .put("exp", expiresAt.getEpochSecond());
        if (purpose == Purpose.LIVE) {
            fields.put("purpose", "live");
        } else {
            fields.put("purpose", "playback").put("from", from.getEpochSecond()).put("to", to.getEpochSecond());
        }
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(fields.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signature = Base64.getDecoder().decode(signer.apply(SIGNED_PREFIX + payload));
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
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
        JsonNode fields;
        try {
            String signature =
                    Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(token.substring(dot + 1)));
            if (!Sm2.verify(key, SIGNED_PREFIX + payload, signature)) {
                throw new Invalid("bad signature");
            }
            fields = JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new Invalid("malformed ticket");
        }
        return fields(fields);
    }

    private static ViewingTicket fields(JsonNode fields) throws Invalid {
        Long version = number(fields, "v");
        if (version == null || version != VERSION) {
            throw new Invalid("unknown ticket version");
        }
        Long gateway = number(fields, "gateway");
        String camera = text(fields, "camera");
        Long staff = number(fields, "staff");
        Long expires = number(fields, "exp");
        String purpose = text(fields, "purpose");
        if (gateway == null || camera == null || staff == null || expires == null || purpose == null) {
            throw new Invalid("incomplete ticket");
        }
        if (purpose.equals("live")) {
            return live(gateway, camera, staff, Instant.ofEpochSecond(expires));
        }
        Long from = number(fields, "from");
        Long to = number(fields, "to");
        if (!purpose.equals("playback") || from == null || to == null || to <= from) {
            throw new Invalid("no purpose or range");
        }
        return playback(
                gateway,
                camera,
                staff,
                Instant.ofEpochSecond(expires),
                Instant.ofEpochSecond(from),
                Instant.ofEpochSecond(to));
    }

    private static Long number(JsonNode fields, String name) throws Invalid {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new Invalid("malformed ticket");
        }
        return value.longValue();
    }

    private static String text(JsonNode fields, String name) throws Invalid {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Invalid("malformed ticket");
        }
        return value.textValue();
    }
}
