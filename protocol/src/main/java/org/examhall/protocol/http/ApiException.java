package org.examhall.protocol.http;

import java.util.Map;

/** Thrown (or failed with) anywhere in request handling to answer with a specific {@link ApiError}. */
public final class ApiException extends RuntimeException {

    private final ApiError error;
    private final Map<String, Object> extra;

    public ApiException(ApiError error) {
        this(error, null);
    }

    /** @param extra fields added to the error body, e.g. the rows an import refused */
    public ApiException(ApiError error, Map<String, Object> extra) {
        super(error.code() + ": " + error.en(), null, false, false);
        this.error = error;
        this.extra = extra == null ? null : Map.copyOf(extra);
    }

    public ApiError error() {
        return error;
    }

    /** The extra body fields, or null. */
    public Map<String, Object> extra() {
        return extra;
    }
}
