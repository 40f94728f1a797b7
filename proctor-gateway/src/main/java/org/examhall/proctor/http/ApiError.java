package org.examhall.proctor.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The project's error shape: a machine-readable code and a message in Chinese and in English. */
public final class ApiError {

    private ApiError() {}

    public static void send(RoutingContext ctx, int status, String code, String zh, String en) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject()
                        .put("code", code)
                        .put("message", new JsonObject().put("zh", zh).put("en", en))
                        .encode());
    }
}
