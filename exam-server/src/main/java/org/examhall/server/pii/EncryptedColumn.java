package org.examhall.server.pii;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.examhall.server.sitting.SittingStore;

/**
 * A column that holds values encrypted with the data key: every one the key rotation moves and the census
 * counts. A new encrypted column belongs in {@link #ALL}, or a rotation leaves it under the old key.
 */
public record EncryptedColumn(String table, String column, Replacement replacement) {

    /** Writes re-encrypted values, each only where the stored value's SHA-256 is still the one read. */
    @FunctionalInterface
    public interface Replacement {
        Future<Integer> replace(SqlClient client, Long[] ids, Buffer[] digests, Buffer[] fresh);
    }

    public static final List<EncryptedColumn> ALL = List.of(
            plain("person", "id_number_enc"),
            plain("person", "photo_enc"),
            plain("trainee", "photo_enc"),
            plain("application_proof", "content_enc"),
            plain("staff_account", "totp_secret_enc"),
            plain("province_outbox", "package_enc"),
            // Every write to a sitting row is in SittingStore.
            new EncryptedColumn("sitting", "door_photo_enc", SittingStore::reencryptDoorPhotos));

    /** {@code table.column}, as reports and audit entries name it. */
    public String name() {
        return table + "." + column;
    }

    private static EncryptedColumn plain(String table, String column) {
        String sql = "UPDATE " + table + " t SET " + column + " = v.fresh"
                + " FROM unnest($1::bigint[], $2::bytea[], $3::bytea[]) AS v (id, digest, fresh)"
                + " WHERE t.id = v.id AND sha256(t." + column + ") = v.digest";
        return new EncryptedColumn(
                table,
                column,
                (client, ids, digests, fresh) -> client.preparedQuery(sql)
                        .execute(Tuple.tuple().addValue(ids).addValue(digests).addValue(fresh))
                        .map(RowSet::rowCount));
    }
}
