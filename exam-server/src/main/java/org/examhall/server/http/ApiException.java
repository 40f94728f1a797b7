package org.examhall.server.http;

import io.vertx.core.json.JsonObject;

/** Thrown (or failed with) anywhere in request handling to answer with a specific {@link ApiError}. */
public final class ApiException extends RuntimeException {

    private final ApiError error;
    private final JsonObject extra;

    public ApiException(ApiError error) {
        this(error, null);
    }

    /** @param extra fields added to the error body, e.g. the rows an import refused */
    public ApiException(ApiError error, JsonObject extra) {
        super(error.code() + ": " + error.en(), null, false, false);
        this.error = error;
        this.extra = extra;
    }

    public ApiError error() {
        return error;
    }

    public JsonObject extra() {
        return extra;
    }
}
