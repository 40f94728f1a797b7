package org.examhall.server.rooms;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Recognises an enrolled exam-room terminal by the device credential it received at enrolment,
 * sent in the {@value #HEADER} header. Disabled terminals are refused.
 */
public final class TerminalAuth {

  public static final String HEADER = "X-Terminal-Credential";

  private final Pool pool;

  public TerminalAuth(Pool pool) {
    this.pool = pool;
  }

  public record Terminal(long id, long roomId, int seatNo) {
  }

  public Future<Terminal> terminal(RoutingContext ctx) {
    String credential = ctx.request().getHeader(HEADER);
    if (credential == null || credential.isBlank() || credential.length() > 100) {
      return Future.failedFuture(RoomErrors.TERMINAL_CREDENTIAL_INVALID.exception());
    }
    return pool.preparedQuery("SELECT id, room_id, seat_no FROM terminal WHERE credential_hash = $1 AND NOT disabled")
        .execute(Tuple.of(Secrets.hash(credential.trim())))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(RoomErrors.TERMINAL_CREDENTIAL_INVALID.exception());
          }
          Row row = rows.iterator().next();
          return Future.succeededFuture(new Terminal(row.getLong("id"), row.getLong("room_id"), row.getInteger("seat_no")));
        });
  }
}
