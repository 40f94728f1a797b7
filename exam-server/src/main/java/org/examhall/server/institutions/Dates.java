package org.examhall.server.institutions;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.examhall.server.http.JsonBodies;

/** Calendar dates in requests (YYYY-MM-DD), refused with INVALID_DATE otherwise. */
final class Dates {

    private Dates() {}

    static LocalDate required(JsonObject body, String field) {
        try {
            return LocalDate.parse(JsonBodies.requiredString(body, field, 10));
        } catch (DateTimeParseException e) {
            throw InstitutionErrors.INVALID_DATE
                    .withDetail("字段 " + field, "field " + field)
                    .exception();
        }
    }

    static void ordered(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw InstitutionErrors.INVALID_DATE.exception();
        }
    }
}
