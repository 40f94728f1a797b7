package org.examhall.server.exam;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;

/** What a terminal needs to run its countdown: the sitting's status, deadline and pause. */
record SittingClock(String status, Instant deadline, Instant pausedAt) {

  static SittingClock of(Row row) {
    return new SittingClock(row.getString("status"), instant(row.getOffsetDateTime("deadline")),
        instant(row.getOffsetDateTime("paused_at")));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  /** The countdown as of now; a paused sitting's remaining time stands still at its pause. */
  JsonObject toJson() {
    Instant now = Instant.now();
    long remaining = deadline == null ? 0 : Math.max(0, deadline.toEpochMilli() - (pausedAt != null ? pausedAt : now).toEpochMilli());
    return new JsonObject().put("status", status).put("serverTime", now.toString())
        .put("remainingMs", remaining).put("deadline", deadline == null ? null : deadline.toString());
  }
}
