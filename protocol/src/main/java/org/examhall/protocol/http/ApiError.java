package org.examhall.protocol.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One failure as every client of the server and the gateway sees it: HTTP status, a stable machine-readable code
 * that clients switch on, and a human message in Chinese (the default language) and English. Both servers render
 * it through {@link #body}, so the shape cannot drift between them.
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

    /**
     * The response body: {@code {"code", "message": {"zh", "en"}, "requestId"}}.
     *
     * @param requestId the id the server logs the request under, or null where there is none
     */
    public Map<String, Object> body(String requestId) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("zh", zh);
        message.put("en", en);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }
}
