package org.examhall.server.province;

import io.vertx.core.json.JsonObject;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.server.audit.CanonicalJson;

/**
 * One registration at the province's unified registration entry (统一报名入口), signed by the
 * platform's SM2 key over the canonical JSON of its other fields: a registration becomes a
 * candidate only if the province issued it, whatever sat on the network in between.
 */
public record Registration(
        long seq,
        String registrationId,
        String fullName,
        String idNumber,
        String operationItem,
        String institution,
        String photo,
        String signature) {

    /** The text the platform signs: every field but the signature, as canonical JSON. */
    public String signedText() {
        return CanonicalJson.write(fields().getMap());
    }

    public Registration signedWith(PrivateKey key) {
        return new Registration(
                seq,
                registrationId,
                fullName,
                idNumber,
                operationItem,
                institution,
                photo,
                Sm2.sign(key, signedText()));
    }

    public boolean verifiesWith(PublicKey platformKey) {
        return signature != null && Sm2.verify(platformKey, signedText(), signature);
    }

    public JsonObject toJson() {
        return fields().put("signature", signature);
    }

    /** The photo (Base64 JPEG or PNG, where the registration took one) is signed like every other field; absent, it is left out. */
    private JsonObject fields() {
        JsonObject fields = new JsonObject()
                .put("seq", seq)
                .put("registrationId", registrationId)
                .put("fullName", fullName)
                .put("idNumber", idNumber)
                .put("operationItem", operationItem)
                .put("institution", institution);
        return photo == null ? fields : fields.put("photo", photo);
    }

    /** @throws IllegalArgumentException naming the first field that is missing or wrong */
    public static Registration fromJson(JsonObject json) {
        if (!(json.getValue("seq") instanceof Number seq) || seq.longValue() <= 0) {
            throw new IllegalArgumentException("seq must be a positive number");
        }
        Object institution = json.getValue("institution");
        Object signature = json.getValue("signature");
        Object photo = json.getValue("photo");
        return new Registration(
                seq.longValue(),
                Envelope.text(json, "registrationId"),
                Envelope.text(json, "fullName"),
                Envelope.text(json, "idNumber"),
                Envelope.text(json, "operationItem"),
                institution instanceof String s ? s : "",
                photo instanceof String p ? p : null,
                signature instanceof String s ? s : null);
    }
}
