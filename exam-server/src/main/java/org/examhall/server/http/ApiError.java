package org.examhall.server.http;

import io.vertx.core.json.JsonObject;

/**
 * One failure as every client sees it: HTTP status, a stable machine-readable code that clients
 * switch on, and a human message in Chinese (the default language) and English.
 */
public record ApiError(int status, String code, String zh, String en) {

    public ApiError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status must be 4xx or 5xx: " + status);
        }
    }

    public ApiError withDetail(String zhDetail, String enDetail) {
        return new ApiError(status, code, zh + "：" + zhDetail, en + ": " + enDetail);
    }

    public ApiException exception() {
        return new ApiException(this);
    }

    public JsonObject toJson(String requestId) {
        return new JsonObject()
                .put("code", code)
                .put("message", new JsonObject().put("zh", zh).put("en", en))
                .put("requestId", requestId);
    }
}
