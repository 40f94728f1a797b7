package org.examhall.server.db;

import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** Column reads every JSON view needs the same way. */
public final class Rows {

  private Rows() {
  }

  /** A timestamp column as an ISO-8601 instant, or null when the column is null. */
  public static String instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant().toString();
  }
}
