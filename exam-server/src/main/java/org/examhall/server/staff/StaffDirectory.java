package org.examhall.server.staff;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.http.Role;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes staff accounts. Counters are updated in SQL so concurrent sign-ins on two nodes add up. */
public final class StaffDirectory {

  private final Pool pool;

  public StaffDirectory(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<StaffAccount>> byUsername(String username) {
    return pool.preparedQuery("SELECT " + StaffAccount.COLUMNS + " FROM staff_account WHERE username = $1")
        .execute(Tuple.of(username)).map(StaffDirectory::first);
  }

  public Future<Optional<StaffAccount>> byId(SqlClient client, long id) {
    return client.preparedQuery("SELECT " + StaffAccount.COLUMNS + " FROM staff_account WHERE id = $1")
        .execute(Tuple.of(id)).map(StaffDirectory::first);
  }

  public Future<List<StaffAccount>> all() {
    return pool.query("SELECT " + StaffAccount.COLUMNS + " FROM staff_account ORDER BY id").execute()
        .map(rows -> {
          List<StaffAccount> out = new ArrayList<>();
          rows.forEach(row -> out.add(StaffAccount.from(row)));
          return out;
        });
  }

  public Future<Long> insert(SqlClient client, String username, String displayName, Role role, String passwordHash,
                             byte[] totpSecretEncrypted) {
    return client.preparedQuery("INSERT INTO staff_account (username, display_name, role, password_hash, totp_secret_enc)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .execute(Tuple.of(username, displayName, role.name(), passwordHash,
            totpSecretEncrypted == null ? null : Buffer.buffer(totpSecretEncrypted)))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /**
   * Counts one failure; when the count reaches {@code maxFailures} the account is locked until
   * {@code lockUntil} and the count starts again. Returns whether this failure locked it.
   */
  public Future<Boolean> recordFailure(SqlClient client, long id, int maxFailures, Instant lockUntil) {
    return client.preparedQuery("UPDATE staff_account SET"
            + " failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,"
            + " locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END"
            + " WHERE id = $1 RETURNING failed_attempts = 0 AS locked")
        .execute(Tuple.of(id, maxFailures, lockUntil.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getBoolean("locked"));
  }

  /**
   * Records a successful sign-in. The TOTP step only moves forward, and the update fails to match
   * if another node accepted the same code a moment earlier, so a code works once.
   */
  public Future<Boolean> recordSuccess(SqlClient client, long id, long totpStep) {
    return client.preparedQuery("UPDATE staff_account SET failed_attempts = 0, locked_until = NULL,"
            + " last_login_at = now(), totp_last_step = GREATEST(totp_last_step, $2)"
            + " WHERE id = $1 AND ($2 = 0 OR totp_last_step < $2)")
        .execute(Tuple.of(id, totpStep))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> unlock(SqlClient client, long id) {
    return client.preparedQuery("UPDATE staff_account SET failed_attempts = 0, locked_until = NULL WHERE id = $1")
        .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  private static Optional<StaffAccount> first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(StaffAccount.from(rows.iterator().next())) : Optional.empty();
  }
}
