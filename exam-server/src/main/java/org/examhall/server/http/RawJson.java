package org.examhall.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A reply body made of a JSON object and one member that is already JSON text, stored as the
 * client reads it: spliced in as it is rather than parsed and encoded again (a candidate's paper is
 * tens of kilobytes, and a start storm delivers 10,000 of them at once).
 */
public final class RawJson {

    private RawJson() {}

    /** {@code object} with {@code name} set to {@code json}, which must be one valid JSON value. */
    public static Buffer with(JsonObject object, String name, String json) {
        String head = object.encode();
        StringBuilder out =
                new StringBuilder(head.length() + name.length() + json.length() + 8).append(head, 0, head.length() - 1);
        if (!object.isEmpty()) {
            out.append(',');
        }
        out.append('"').append(name).append("\":").append(json).append('}');
        return Buffer.buffer(out.toString());
    }
}
