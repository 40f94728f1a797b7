package org.examhall.load;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * A response that was not 2xx, with the server's machine-readable error code when the body is in the
 * common error format ({@code {"code": ..., "message": {...}}}).
 */
public final class ApiFailure extends RuntimeException {

    private final int status;
    private final String code;

    public ApiFailure(int status, String code, String message) {
        super(status + " " + code + (message == null || message.isBlank() ? "" : ": " + message), null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiFailure of(String what, HttpResponse<Buffer> response) {
        String code = "HTTP_" + response.statusCode();
        String text = response.bodyAsString();
        try {
            JsonObject body = response.bodyAsJsonObject();
            if (body != null && body.getString("code") != null) {
                code = body.getString("code");
                JsonObject message = body.getJsonObject("message");
                text = message == null ? text : message.getString("en");
            }
        } catch (DecodeException | ClassCastException e) {
            // not the common format; keep the raw text
        }
        return new ApiFailure(response.statusCode(), code, what + ": " + abbreviate(text));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** A 5xx may or may not have done its work: the client retries it like a network error. */
    public boolean serverError() {
        return status >= 500;
    }

    /** The label an error is counted under: the server's code, or the network exception's kind. */
    public static String label(Throwable failure) {
        if (failure instanceof ApiFailure api) {
            return api.status + " " + api.code;
        }
        String name = failure.getClass().getSimpleName();
        return "NETWORK " + (name.isEmpty() ? failure.getClass().getName() : name);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
