package org.examhall.proctor.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.examhall.protocol.http.ApiError;

/** Answers a request with the project's error shape, the same {@link ApiError} body the exam server sends. */
public final class ErrorReplies {

    private ErrorReplies() {}

    public static void send(RoutingContext ctx, ApiError error) {
        ctx.response()
                .setStatusCode(error.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject(error.body(null)).encode());
    }
}
