package org.examhall.server.checkin;

import io.vertx.core.json.JsonObject;

/** A face comparison as it goes into the check-in reply and the audit entry. */
final class FaceDetails {

    private FaceDetails() {}

    /**
     * score, threshold, method, match and biometric always; the reason when the verifier gave one
     * (no face, unreadable, replay) and the liveness hint when it assessed one.
     */
    static JsonObject of(FaceVerifier.Comparison comparison) {
        JsonObject details = new JsonObject()
                .put("score", Math.round(comparison.score() * 1000) / 1000.0)
                .put("threshold", comparison.threshold())
                .put("method", comparison.method())
                .put("match", comparison.match())
                .put("biometric", comparison.biometric());
        if (comparison.reason() != null) {
            details.put("reason", comparison.reason());
        }
        FaceVerifier.Liveness liveness = comparison.liveness();
        if (liveness != null) {
            details.put(
                    "liveness",
                    new JsonObject()
                            .put("frames", liveness.frames())
                            .put("verdict", liveness.verdict())
                            .put("motion", liveness.motion()));
        }
        return details;
    }
}
