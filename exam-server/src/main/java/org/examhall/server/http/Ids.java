package org.examhall.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Numeric identifiers and counts from paths and bodies, refused with a clear error when they are not numbers. */
public final class Ids {

    private Ids() {}

    public static long path(RoutingContext ctx, String name) {
        try {
            long id = Long.parseLong(ctx.pathParam(name));
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw Errors.invalid("路径参数 " + name + " 必须是正整数", "path parameter " + name + " must be a positive integer");
        }
    }

    public static int requiredInt(JsonObject body, String field, int min, int max) {
        Object value = body.getValue(field);
        if (!(value instanceof Number number)
                || number.doubleValue() != Math.rint(number.doubleValue())
                || number.longValue() < min
                || number.longValue() > max) {
            throw Errors.invalid(
                    "字段 " + field + " 必须是 " + min + " 到 " + max + " 之间的整数",
                    "field " + field + " must be a whole number from " + min + " to " + max);
        }
        return number.intValue();
    }

    public static long requiredId(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof Number number)
                || number.longValue() <= 0
                || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw Errors.invalid("字段 " + field + " 必须是正整数编号", "field " + field + " must be a positive integer id");
        }
        return number.longValue();
    }
}
