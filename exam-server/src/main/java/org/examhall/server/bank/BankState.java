package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * The bank's two version counters, kept in one row. Every change locks the row first, so changes
 * from all nodes are serialised and each is computed from the bank as it really stands.
 */
public record BankState(long bankVersion, long catalogVersion) {

    private static final String SELECT = "SELECT bank_version, catalog_version FROM bank_state WHERE id = 1";

    static Future<BankState> read(SqlClient client) {
        return client.query(SELECT).execute().map(rows -> of(rows.iterator().next()));
    }

    /** Reads and locks the row until the transaction on {@code tx} ends. */
    static Future<BankState> lock(SqlConnection tx) {
        return tx.query(SELECT + " FOR UPDATE")
                .execute()
                .map(rows -> of(rows.iterator().next()));
    }

    static Future<Void> setBankVersion(SqlConnection tx, long version) {
        return tx.preparedQuery("UPDATE bank_state SET bank_version = $1, updated_at = now() WHERE id = 1")
                .execute(Tuple.of(version))
                .mapEmpty();
    }

    static Future<Long> bumpCatalog(SqlConnection tx) {
        return tx.query("UPDATE bank_state SET catalog_version = catalog_version + 1, updated_at = now() WHERE id = 1"
                        + " RETURNING catalog_version")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static BankState of(Row row) {
        return new BankState(row.getLong("bank_version"), row.getLong("catalog_version"));
    }
}
