package org.examhall.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads request bodies strictly: a JSON object or a 400 with a stable code, never a half-parsed value. */
public final class JsonBodies {

    private JsonBodies() {}

    /**
     * The request's JSON object. Only an application/json body is read: a browser sends text/plain
     * across origins without asking first, so accepting it would let another site post a form here
     * (sign-in CSRF).
     */
    public static JsonObject object(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw Errors.UNSUPPORTED_MEDIA_TYPE.exception();
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw Errors.INVALID_JSON.withDetail("请求体为空", "the body is empty").exception();
        }
        if (!body.toString(StandardCharsets.UTF_8).stripLeading().startsWith("{")) {
            throw Errors.INVALID_JSON
                    .withDetail("需要一个 JSON 对象", "a JSON object is expected")
                    .exception();
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException e) {
            throw Errors.INVALID_JSON.exception();
        }
    }

    public static String requiredString(JsonObject body, String field, int maxLength) {
        Object value = body.getValue(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw Errors.invalid("字段 " + field + " 必填", "field " + field + " is required");
        }
        if (s.length() > maxLength) {
            throw Errors.invalid(
                    "字段 " + field + " 超过 " + maxLength + " 个字符",
                    "field " + field + " exceeds " + maxLength + " characters");
        }
        return s.trim();
    }

    public static String optionalString(JsonObject body, String field, int maxLength) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String)) {
            throw Errors.invalid("字段 " + field + " 必须是字符串", "field " + field + " must be a string");
        }
        return requiredString(body, field, maxLength);
    }

    public static boolean optionalBoolean(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value != null && !(value instanceof Boolean)) {
            throw Errors.invalid("字段 " + field + " 必须是 true 或 false", "field " + field + " must be true or false");
        }
        return Boolean.TRUE.equals(value);
    }
}
