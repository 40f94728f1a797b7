package org.examhall.server.http;

/** Thrown (or failed with) anywhere in request handling to answer with a specific {@link ApiError}. */
public final class ApiException extends RuntimeException {

  private final ApiError error;

  public ApiException(ApiError error) {
    super(error.code() + ": " + error.en(), null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}
