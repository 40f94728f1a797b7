package org.examhall.server.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Times in requests: ISO 8601 instants, or a 400 that says so. */
public final class Times {

    private Times() {}

    public static Instant parse(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Errors.invalid(
                    "时间格式必须是 ISO 8601，例如 2026-12-01T01:30:00Z", "times must be ISO 8601, e.g. 2026-12-01T01:30:00Z");
        }
    }

    public static Instant parseOptional(String value) {
        return value == null ? null : parse(value);
    }
}
