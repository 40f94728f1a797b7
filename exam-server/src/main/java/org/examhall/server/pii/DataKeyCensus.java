package org.examhall.server.pii;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.examhall.server.crypto.DataKeyRing;

/**
 * How many encrypted values each data key holds, per {@link EncryptedColumn}, read from the envelopes'
 * key ids without decrypting anything: what the rotation has left to do, and whether a key may be retired.
 */
public final class DataKeyCensus {

    /** Where a value stands for this node's key ring. */
    public enum Standing {
        /** In an envelope of the current key: nothing to do. */
        CURRENT,
        /** In an envelope of a previous key: the rotation re-encrypts it. */
        PREVIOUS,
        /** Stored before key ids existed: readable by whichever key made it; the rotation labels it. */
        UNLABELLED,
        /** In an envelope of a key this node does not hold: unreadable here. */
        UNKNOWN
    }

    /** {@code values} values of {@code column} under the key {@code keyId} (null: stored without one). */
    public record Count(String column, String keyId, Standing standing, long values) {}

    private final List<Count> counts;

    private DataKeyCensus(List<Count> counts) {
        this.counts = List.copyOf(counts);
    }

    public static Future<DataKeyCensus> take(SqlClient client, DataKeyRing ring) {
        String sql = EncryptedColumn.ALL.stream()
                .map(c -> "SELECT '" + c.name() + "' AS col, CASE WHEN substring(" + c.column()
                        + " FROM 1 FOR 4) = $1 THEN encode(substring(" + c.column() + " FROM 5 FOR 8), 'hex') END"
                        + " AS key_id, count(*) AS n FROM " + c.table() + " WHERE " + c.column()
                        + " IS NOT NULL GROUP BY 2")
                .collect(Collectors.joining(" UNION ALL "));
        return client.preparedQuery(sql)
                .execute(Tuple.of(Buffer.buffer(DataKeyRing.magic())))
                .map(rows -> {
                    List<Count> counts = new ArrayList<>();
                    for (Row row : rows) {
                        String keyId = row.getString("key_id");
                        counts.add(new Count(row.getString("col"), keyId, standing(ring, keyId), row.getLong("n")));
                    }
                    return new DataKeyCensus(counts);
                });
    }

    private static Standing standing(DataKeyRing ring, String keyId) {
        if (keyId == null) {
            return Standing.UNLABELLED;
        }
        if (keyId.equals(ring.currentKeyId())) {
            return Standing.CURRENT;
        }
        return ring.previousKeyIds().contains(keyId) ? Standing.PREVIOUS : Standing.UNKNOWN;
    }

    public List<Count> counts() {
        return counts;
    }

    public long values(Standing standing) {
        return counts.stream()
                .filter(c -> c.standing() == standing)
                .mapToLong(Count::values)
                .sum();
    }

    /** Values that do not carry the current key's id: none left means every other key can be retired. */
    public long notCurrent() {
        return counts.stream()
                .filter(c -> c.standing() != Standing.CURRENT)
                .mapToLong(Count::values)
                .sum();
    }
}
