package org.examhall.server.staff;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;

/**
 * Counts a sign-in attempt before the password is checked, in one SQL statement, so that guesses
 * sent in parallel cannot all pass the lock-out check before any of them is counted: the attempt
 * that reaches the limit sets the lock, and every later one finds it. A successful sign-in clears
 * the count. The same counting serves an account and one of its recognised browsers.
 */
final class SignInAttempts {

    /** Whose attempts are counted: a staff account, or one recognised browser of it. */
    sealed interface Counter permits Account, Device {}

    record Account(long staffId) implements Counter {}

    record Device(String tokenHash, long staffId) implements Counter {}

    private SignInAttempts() {}

    /**
     * Counts one attempt unless the counter is locked. A lock that has run out starts the count
     * afresh. Returns the attempt's number (the one that equals {@code maxFailures} has set the
     * lock), or empty when the counter is locked.
     */
    static Future<OptionalInt> reserve(
            SqlClient client, Counter counter, int maxFailures, Instant lockUntil, Instant now) {
        String fresh = "CASE WHEN locked_until <= $3 THEN 1 ELSE failed_attempts + 1 END";
        return client.preparedQuery("UPDATE " + table(counter) + " SET failed_attempts = " + fresh + ","
                        + " locked_until = CASE WHEN " + fresh + " >= $1 THEN $2 ELSE NULL END"
                        + " WHERE " + where(counter, 4)
                        + " AND (locked_until IS NULL OR locked_until <= $3) RETURNING failed_attempts")
                .execute(key(
                        counter,
                        Tuple.of(maxFailures, lockUntil.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.size() == 0
                        ? OptionalInt.empty()
                        : OptionalInt.of(rows.iterator().next().getInteger("failed_attempts")));
    }

    /** Takes back an attempt that was not a failure (the password was right, the code comes next); a lock stays. */
    static Future<Void> refund(SqlClient client, Counter counter) {
        return client.preparedQuery("UPDATE " + table(counter)
                        + " SET failed_attempts = GREATEST(failed_attempts - 1, 0)" + " WHERE " + where(counter, 1))
                .execute(key(counter, Tuple.tuple()))
                .mapEmpty();
    }

    /** A recognised browser's own count starts again after its owner signed in from it. */
    static Future<Void> clearDevice(SqlClient client, Device device) {
        return client.preparedQuery(
                        "UPDATE staff_device SET failed_attempts = 0, locked_until = NULL, last_used_at = now()"
                                + " WHERE " + where(device, 1))
                .execute(key(device, Tuple.tuple()))
                .mapEmpty();
    }

    private static String table(Counter counter) {
        return counter instanceof Account ? "staff_account" : "staff_device";
    }

    private static String where(Counter counter, int firstParameter) {
        return counter instanceof Account
                ? "id = $" + firstParameter
                : "token_hash = $" + firstParameter + " AND staff_id = $" + (firstParameter + 1);
    }

    private static Tuple key(Counter counter, Tuple tuple) {
        if (counter instanceof Device device) {
            return tuple.addString(device.tokenHash()).addLong(device.staffId());
        }
        return tuple.addLong(((Account) counter).staffId());
    }
}
