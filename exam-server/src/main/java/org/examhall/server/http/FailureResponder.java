package org.examhall.server.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.examhall.protocol.http.ApiError;
import org.examhall.protocol.http.ApiException;
import org.examhall.server.crypto.DataKeyRing.UnknownDataKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure, expected or not, into the one error format; unexpected ones are logged with the request id. */
public final class FailureResponder {

    private static final Logger LOG = LoggerFactory.getLogger(FailureResponder.class);

    private FailureResponder() {}

    public static void respond(RoutingContext ctx) {
        ApiError error = classify(ctx);
        if (error.status() >= 500) {
            LOG.error(
                    "event=request_failed requestId={} method={} path={}",
                    RequestIds.of(ctx),
                    ctx.request().method(),
                    ctx.normalizedPath(),
                    ctx.failure());
        }
        send(ctx, error, ctx.failure() instanceof ApiException api ? api.extra() : null);
    }

    public static void send(RoutingContext ctx, ApiError error) {
        send(ctx, error, null);
    }

    private static void send(RoutingContext ctx, ApiError error, Map<String, Object> extra) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response()
                .setStatusCode(error.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body(error, extra, RequestIds.of(ctx)).encode());
    }

    private static JsonObject body(ApiError error, Map<String, Object> extra, String requestId) {
        JsonObject body = extra == null ? new JsonObject() : new JsonObject(new LinkedHashMap<>(extra));
        return body.mergeIn(new JsonObject(error.body(requestId)), true);
    }

    private static ApiError classify(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException api) {
            return api.error();
        }
        if (failure instanceof UnknownDataKeyException) {
            return Errors.DATA_KEY_MISSING;
        }
        if (failure instanceof DecodeException
                || failure instanceof IllegalArgumentException && failure.getCause() instanceof DecodeException) {
            return Errors.INVALID_JSON;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        return switch (status) {
            case 400 -> Errors.VALIDATION_FAILED;
            case 401 -> Errors.UNAUTHENTICATED;
            case 403 -> Errors.FORBIDDEN;
            case 404 -> Errors.NOT_FOUND;
            case 405 -> Errors.METHOD_NOT_ALLOWED;
            case 413 -> Errors.BODY_TOO_LARGE;
            case 415 -> Errors.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> Errors.SERVICE_UNAVAILABLE;
            default -> Errors.INTERNAL_ERROR;
        };
    }
}
