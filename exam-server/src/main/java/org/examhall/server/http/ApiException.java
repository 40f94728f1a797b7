package org.examhall.server.http;

/** Thrown (or failed with) anywhere in request handling to answer with a specific {@link ApiError}. */
public final class ApiException extends RuntimeException {

  private final ApiError error;
  private final io.vertx.core.json.JsonObject extra;

  public ApiException(ApiError error) {
    this(error, null);
  }

  /** @param extra fields added to the error body, e.g. the rows an import refused */
  public ApiException(ApiError error, io.vertx.core.json.JsonObject extra) {
    super(error.code() + ": " + error.en(), null, false, false);
    this.error = error;
    this.extra = extra;
  }

  public ApiError error() {
    return error;
  }

  public io.vertx.core.json.JsonObject extra() {
    return extra;
  }
}
