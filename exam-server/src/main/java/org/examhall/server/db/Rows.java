package org.examhall.server.db;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Column reads every JSON view needs the same way. */
public final class Rows {

    private Rows() {}

    /** A timestamp column as an ISO-8601 instant, or null when the column is null. */
    public static String instant(Row row, String column) {
        Instant value = instantValue(row, column);
        return value == null ? null : value.toString();
    }

    /** A timestamp column as an instant, or null when the column is null. */
    public static Instant instantValue(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
