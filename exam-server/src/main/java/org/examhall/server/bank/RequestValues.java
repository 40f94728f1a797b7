package org.examhall.server.bank;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.examhall.server.http.Errors;
import org.examhall.server.http.JsonBodies;

/** Query parameters and optional bodies of the bank routes, refused with a clear error when malformed. */
final class RequestValues {

    private RequestValues() {}

    /** A query parameter's trimmed text, or null when absent or blank. */
    static String text(RoutingContext ctx, String name, int maxLength) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw Errors.invalid(
                    "参数 " + name + " 超过 " + maxLength + " 个字符",
                    "parameter " + name + " exceeds " + maxLength + " characters");
        }
        return value.trim();
    }

    static Integer integer(RoutingContext ctx, String name, int min, int max) {
        String value = text(ctx, name, 12);
        if (value == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Errors.invalid(
                "参数 " + name + " 必须是 " + min + " 到 " + max + " 之间的整数",
                "parameter " + name + " must be a whole number from " + min + " to " + max);
    }

    /** A query parameter naming a constant of {@code type}, upper-cased; null when absent. */
    static <E extends Enum<E>> E constant(RoutingContext ctx, String name, Class<E> type) {
        String value = text(ctx, name, 40);
        return value == null ? null : constant(value, name, type);
    }

    static <E extends Enum<E>> E constant(String value, String name, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Errors.invalid(name + " 的取值“" + value + "”无效", "'" + value + "' is not a valid " + name);
        }
    }

    /** The JSON object body, or an empty object when the request has no body. */
    static JsonObject optionalBody(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        return body == null || body.length() == 0 ? new JsonObject() : JsonBodies.object(ctx);
    }

    /** A path parameter naming a question or blueprint (letters, digits, '.', '_', '-'). */
    static String code(RoutingContext ctx, String name) {
        String value = ctx.pathParam(name);
        if (value == null || !BlueprintInput.ID.matcher(value).matches()) {
            throw Errors.invalid(
                    "路径参数 " + name + " 只能包含字母、数字、点、下划线和连字符",
                    "path parameter " + name + " may hold only letters, digits, '.', '_' and '-'");
        }
        return value;
    }
}
