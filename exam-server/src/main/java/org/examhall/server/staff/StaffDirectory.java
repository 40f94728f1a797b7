package org.examhall.server.staff;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.examhall.server.http.Role;

/** Reads and writes staff accounts. Counters are updated in SQL so concurrent sign-ins on two nodes add up (see SignInAttempts). */
public final class StaffDirectory {

    private final Pool pool;

    public StaffDirectory(Pool pool) {
        this.pool = pool;
    }

    public Future<Optional<StaffAccount>> byUsername(String username) {
        return pool.preparedQuery("SELECT " + StaffAccount.COLUMNS + " FROM staff_account WHERE username = $1")
                .execute(Tuple.of(username))
                .map(StaffDirectory::first);
    }

    public Future<Optional<StaffAccount>> byId(SqlClient client, long id) {
        return client.preparedQuery("SELECT " + StaffAccount.COLUMNS + " FROM staff_account WHERE id = $1")
                .execute(Tuple.of(id))
                .map(StaffDirectory::first);
    }

    public Future<List<StaffAccount>> all() {
        return pool.query("SELECT " + StaffAccount.COLUMNS + " FROM staff_account ORDER BY id")
                .execute()
                .map(rows -> {
                    List<StaffAccount> out = new ArrayList<>();
                    rows.forEach(row -> out.add(StaffAccount.from(row)));
                    return out;
                });
    }

    public Future<Long> insert(
            SqlClient client,
            String username,
            String displayName,
            Role role,
            String passwordHash,
            byte[] totpSecretEncrypted) {
        return client.preparedQuery(
                        "INSERT INTO staff_account (username, display_name, role, password_hash, totp_secret_enc)"
                                + " VALUES ($1, $2, $3, $4, $5) RETURNING id")
                .execute(Tuple.of(
                        username,
                        displayName,
                        role.name(),
                        passwordHash,
                        totpSecretEncrypted == null ? null : Buffer.buffer(totpSecretEncrypted)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /**
     * Records a successful sign-in. The TOTP step only moves forward, and the update fails to match
     * if another node accepted the same code a moment earlier, so a code works once. A sign-in from a
     * recognised browser while the account is locked leaves the lock for everyone else.
     */
    public Future<Boolean> recordSuccess(SqlClient client, long id, long totpStep, boolean clearLockOut) {
        return client.preparedQuery("UPDATE staff_account SET"
                        + " failed_attempts = CASE WHEN $3 THEN 0 ELSE failed_attempts END,"
                        + " locked_until = CASE WHEN $3 THEN NULL ELSE locked_until END,"
                        + " last_login_at = now(), totp_last_step = GREATEST(totp_last_step, $2)"
                        + " WHERE id = $1 AND ($2 = 0 OR totp_last_step < $2)")
                .execute(Tuple.of(id, totpStep, clearLockOut))
                .map(rows -> rows.rowCount() == 1);
    }

    public Future<Boolean> unlock(SqlClient client, long id) {
        return client.preparedQuery("UPDATE staff_account SET failed_attempts = 0, locked_until = NULL WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Optional<StaffAccount> first(RowSet<Row> rows) {
        return rows.iterator().hasNext()
                ? Optional.of(StaffAccount.from(rows.iterator().next()))
                : Optional.empty();
    }
}
