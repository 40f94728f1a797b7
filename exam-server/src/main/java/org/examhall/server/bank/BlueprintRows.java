package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.io.BlueprintJson;
import org.examhall.server.db.Rows;

/**
 * Blueprints in the {@code bank_blueprint} table. The definition is the library's own JSON, stored
 * as JSONB (numbers keep their scale) and read back through the library.
 */
final class BlueprintRows {

    /** A stored blueprint with who last changed it. */
    record Stored(Blueprint blueprint, int revision, String updatedAt, String updatedBy) {}

    private static final String SELECT =
            "SELECT id, definition::text AS definition, revision, updated_at, updated_by" + " FROM bank_blueprint";

    private BlueprintRows() {}

    static Future<Map<String, Blueprint>> loadAll(SqlClient client) {
        return client.query(SELECT + " ORDER BY id").execute().map(rows -> {
            Map<String, Blueprint> byId = new LinkedHashMap<>();
            rows.forEach(row -> byId.put(row.getString("id"), stored(row).blueprint()));
            return byId;
        });
    }

    static Future<List<Stored>> list(SqlClient client) {
        return client.query(SELECT + " ORDER BY category, id").execute().map(rows -> {
            List<Stored> list = new ArrayList<>();
            rows.forEach(row -> list.add(stored(row)));
            return list;
        });
    }

    static Future<Optional<Stored>> find(SqlClient client, String id) {
        return client.preparedQuery(SELECT + " WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(stored(rows.iterator().next()))
                        : Optional.empty());
    }

    /** @return false when a blueprint with this id already exists */
    static Future<Boolean> insert(SqlConnection tx, Blueprint blueprint, String actor) {
        return tx.preparedQuery("INSERT INTO bank_blueprint (id, category, title, definition, created_by, updated_by)"
                        + " VALUES ($1, $2, $3, ($4::text)::jsonb, $5, $5) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.of(blueprint.id(), blueprint.category(), blueprint.title(), json(blueprint), actor))
                .map(rows -> rows.rowCount() == 1);
    }

    /** @return the new revision, or empty when there is no such blueprint */
    static Future<Optional<Integer>> update(SqlConnection tx, Blueprint blueprint, String actor) {
        return tx.preparedQuery(
                        "UPDATE bank_blueprint SET category = $2, title = $3, definition = ($4::text)::jsonb,"
                                + " revision = revision + 1, updated_at = now(), updated_by = $5 WHERE id = $1 RETURNING revision")
                .execute(Tuple.of(blueprint.id(), blueprint.category(), blueprint.title(), json(blueprint), actor))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getInteger(0))
                        : Optional.empty());
    }

    static Future<Boolean> delete(SqlConnection tx, String id) {
        return tx.preparedQuery("DELETE FROM bank_blueprint WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Stored stored(Row row) {
        try {
            return new Stored(
                    BlueprintJson.read(row.getString("definition")),
                    row.getInteger("revision"),
                    Rows.instant(row, "updated_at"),
                    row.getString("updated_by"));
        } catch (IOException e) {
            throw new UncheckedIOException("stored blueprint " + row.getString("id") + " does not read", e);
        }
    }

    private static String json(Blueprint blueprint) {
        try {
            return BlueprintJson.write(blueprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
