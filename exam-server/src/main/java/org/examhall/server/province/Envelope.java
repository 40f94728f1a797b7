package org.examhall.server.province;

import io.vertx.core.json.JsonObject;
import org.examhall.protocol.crypto.Sm2;

/**
 * What travels to the platform for one result package: the package's canonical JSON as a string
 * (so the signed bytes arrive exactly as signed), its SM2 signature, and who signed it.
 */
public record Envelope(String idempotencyKey, String bureauId, String keyId, String packageJson, String signature) {

    public static final String FORMAT = "examhall-result-envelope/1";

    public JsonObject toJson() {
        return new JsonObject()
                .put("format", FORMAT)
                .put("idempotencyKey", idempotencyKey)
                .put("bureauId", bureauId)
                .put("keyId", keyId)
                .put("signatureAlgorithm", Sm2.ALGORITHM)
                .put("package", packageJson)
                .put("signature", signature);
    }

    /** @throws IllegalArgumentException naming the first field that is missing or wrong */
    public static Envelope fromJson(JsonObject json) {
        if (!FORMAT.equals(json.getValue("format"))) {
            throw new IllegalArgumentException("format must be " + FORMAT);
        }
        if (!Sm2.ALGORITHM.equals(json.getValue("signatureAlgorithm"))) {
            throw new IllegalArgumentException("signatureAlgorithm must be " + Sm2.ALGORITHM);
        }
        return new Envelope(
                text(json, "idempotencyKey"),
                text(json, "bureauId"),
                text(json, "keyId"),
                text(json, "package"),
                text(json, "signature"));
    }

    static String text(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return s;
    }
}
