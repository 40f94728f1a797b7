package org.examhall.server.province;

import io.vertx.core.json.JsonObject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.examhall.protocol.crypto.Sm2;

/**
 * The platform's answer to a delivered package: when it first received the package under this
 * idempotency key (a repeated delivery gets the same time back, with {@code duplicate} set), signed
 * with the platform's SM2 key over {@code idempotencyKey + "|" + receivedAt}.
 */
public record Receipt(String idempotencyKey, String receivedAt, boolean duplicate, String signature) {

    public static String signedText(String idempotencyKey, String receivedAt) {
        return idempotencyKey + "|" + receivedAt;
    }

    public static Receipt sign(PrivateKey key, String idempotencyKey, String receivedAt, boolean duplicate) {
        return new Receipt(
                idempotencyKey, receivedAt, duplicate, Sm2.sign(key, signedText(idempotencyKey, receivedAt)));
    }

    /** Null when the receipt is good for this key; otherwise what is wrong with it. */
    public String problem(String expectedKey, PublicKey platformKey) {
        if (!expectedKey.equals(idempotencyKey)) {
            return "the receipt is for another package (" + idempotencyKey + ")";
        }
        try {
            Instant.parse(receivedAt);
        } catch (DateTimeParseException | NullPointerException e) {
            return "receivedAt is not an ISO 8601 instant: " + receivedAt;
        }
        return Sm2.verify(platformKey, signedText(idempotencyKey, receivedAt), signature)
                ? null
                : "the receipt signature does not verify with the platform's public key";
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("idempotencyKey", idempotencyKey)
                .put("receivedAt", receivedAt)
                .put("duplicate", duplicate)
                .put("signature", signature);
    }

    /** @throws IllegalArgumentException naming the first field that is missing or wrong */
    public static Receipt fromJson(JsonObject json) {
        return new Receipt(
                Envelope.text(json, "idempotencyKey"),
                Envelope.text(json, "receivedAt"),
                Boolean.TRUE.equals(json.getValue("duplicate")),
                Envelope.text(json, "signature"));
    }
}
