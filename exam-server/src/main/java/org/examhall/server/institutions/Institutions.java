package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.db.Rows;
import org.examhall.server.http.Role;
import org.examhall.server.sessions.Separation;
import org.examhall.server.staff.StaffErrors;

/** The bureau's register of training institutions: registration, linked accounts, sanctions. */
public final class Institutions {

    private final Pool pool;
    private final AuditLog audit;

    Institutions(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    public Future<JsonObject> register(String name, String creditCode, Set<String> scope, Actor actor) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "INSERT INTO institution (name, credit_code, scope) VALUES ($1, $2, $3) RETURNING id")
                        .execute(Tuple.tuple()
                                .addString(name)
                                .addString(creditCode)
                                .addArrayOfString(scope.toArray(new String[0])))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .compose(id -> audit.append(
                                        tx,
                                        actor.entry(
                                                "institution.registered",
                                                "institution:" + id,
                                                new JsonObject()
                                                        .put("name", name)
                                                        .put("creditCode", creditCode)
                                                        .put("scope", new JsonArray(List.copyOf(scope)))))
                                .compose(seq -> detail(tx, id))))
                .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture(InstitutionErrors.CREDIT_CODE_TAKEN.exception())
                        : Future.failedFuture(e));
    }

    Future<JsonArray> list() {
        return pool.query("SELECT id FROM institution ORDER BY id").execute().compose(rows -> {
            Future<JsonArray> all = Future.succeededFuture(new JsonArray());
            for (Row row : rows) {
                long id = row.getLong("id");
                all = all.compose(out -> detail(pool, id).map(out::add));
            }
            return all;
        });
    }

    Future<JsonObject> detail(long id) {
        return detail(pool, id);
    }

    static Future<JsonObject> detail(SqlClient client, long id) {
        return client.preparedQuery("""
            SELECT i.*, EXISTS (SELECT 1 FROM institution_sanction s WHERE s.institution_id = i.id AND s.kind = 'SUSPENSION'
                                 AND current_date BETWEEN s.starts_on AND s.ends_on) AS suspended
              FROM institution i WHERE i.id = $1""").execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(InstitutionErrors.INSTITUTION_NOT_FOUND.exception());
            }
            Row row = rows.iterator().next();
            JsonObject json = new JsonObject()
                    .put("id", id)
                    .put("name", row.getString("name"))
                    .put("creditCode", row.getString("credit_code"))
                    .put("scope", new JsonArray(List.of(row.getArrayOfStrings("scope"))))
                    .put("suspended", row.getBoolean("suspended"))
                    .put("createdAt", Rows.instant(row, "created_at"));
            return client.preparedQuery(
                            "SELECT id, username, display_name, role FROM staff_account WHERE institution_id = $1 ORDER BY id")
                    .execute(Tuple.of(id))
                    .compose(staff -> sanctions(client, id).map(sanctions -> {
                        JsonArray accounts = new JsonArray();
                        staff.forEach(s -> accounts.add(new JsonObject()
                                .put("id", s.getLong("id"))
                                .put("username", s.getString("username"))
                                .put("displayName", s.getString("display_name"))
                                .put("role", s.getString("role"))));
                        return json.put("staff", accounts).put("sanctions", sanctions);
                    }));
        });
    }

    static Future<JsonArray> sanctions(SqlClient client, long institutionId) {
        return client.preparedQuery("""
            SELECT s.*, a.username AS recorded_by_name FROM institution_sanction s JOIN staff_account a ON a.id = s.recorded_by
             WHERE s.institution_id = $1 ORDER BY s.starts_on DESC, s.id DESC""").execute(Tuple.of(institutionId)).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(s -> out.add(new JsonObject()
                    .put("id", s.getLong("id"))
                    .put("kind", s.getString("kind"))
                    .put("from", s.getLocalDate("starts_on").toString())
                    .put("to", s.getLocalDate("ends_on").toString())
                    .put("reason", s.getString("reason"))
                    .put("recordedBy", s.getString("recorded_by_name"))
                    .put("recordedAt", Rows.instant(s, "recorded_at"))));
            return out;
        });
    }

    /**
     * Links an institution's contact account, or records that a proctor works there. A proctor already
     * assigned to an unfinished session with the institution's trainees cannot be linked.
     */
    public Future<JsonObject> linkStaff(long institutionId, long staffId, Actor actor) {
        return pool.withTransaction(tx -> requireExists(tx, institutionId)
                .compose(x -> tx.preparedQuery("SELECT username, role FROM staff_account WHERE id = $1 FOR UPDATE")
                        .execute(Tuple.of(staffId)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(StaffErrors.STAFF_NOT_FOUND.exception());
                    }
                    Role role = Role.valueOf(rows.iterator().next().getString("role"));
                    if (role != Role.INSTITUTION && role != Role.PROCTOR) {
                        return Future.failedFuture(InstitutionErrors.STAFF_NOT_LINKABLE.exception());
                    }
                    String username = rows.iterator().next().getString("username");
                    return tx.preparedQuery("UPDATE staff_account SET institution_id = $2 WHERE id = $1")
                            .execute(Tuple.of(staffId, institutionId))
                            .compose(u -> role == Role.PROCTOR
                                    ? Separation.checkProctor(tx, staffId)
                                    : Future.succeededFuture())
                            .compose(ok -> audit.append(
                                    tx,
                                    actor.entry(
                                            "institution.staff_linked",
                                            "institution:" + institutionId,
                                            new JsonObject()
                                                    .put("staffId", staffId)
                                                    .put("username", username)
                                                    .put("role", role.name()))))
                            .compose(seq -> detail(tx, institutionId));
                }));
    }

    Future<JsonObject> suspend(
            long institutionId, LocalDate from, LocalDate to, String reason, long bureauStaffId, Actor actor) {
        Dates.ordered(from, to);
        return pool.withTransaction(tx -> requireExists(tx, institutionId)
                .compose(x -> tx.preparedQuery("""
                INSERT INTO institution_sanction (institution_id, kind, starts_on, ends_on, reason, recorded_by)
                VALUES ($1, 'SUSPENSION', $2, $3, $4, $5) RETURNING id""").execute(Tuple.of(institutionId, from, to, reason, bureauStaffId)))
                .compose(rows -> audit.append(
                        tx,
                        actor.entry(
                                "institution.suspended",
                                "institution:" + institutionId,
                                new JsonObject()
                                        .put(
                                                "sanctionId",
                                                rows.iterator().next().getLong("id"))
                                        .put("from", from.toString())
                                        .put("to", to.toString())
                                        .put("reason", reason))))
                .compose(seq -> detail(tx, institutionId)));
    }

    /** Every sanction of every institution, newest first. */
    Future<JsonArray> allSanctions() {
        return pool.query("""
            SELECT s.id, s.institution_id, i.name, s.kind, s.starts_on, s.ends_on, s.reason, s.recorded_at
              FROM institution_sanction s JOIN institution i ON i.id = s.institution_id ORDER BY s.recorded_at DESC, s.id DESC""").execute().map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(s -> out.add(new JsonObject()
                    .put("id", s.getLong("id"))
                    .put("institutionId", s.getLong("institution_id"))
                    .put("institutionName", s.getString("name"))
                    .put("kind", s.getString("kind"))
                    .put("from", s.getLocalDate("starts_on").toString())
                    .put("to", s.getLocalDate("ends_on").toString())
                    .put("reason", s.getString("reason"))
                    .put("recordedAt", Rows.instant(s, "recorded_at"))));
            return out;
        });
    }

    static Future<Void> requireExists(SqlClient client, long institutionId) {
        return client.preparedQuery("SELECT 1 FROM institution WHERE id = $1")
                .execute(Tuple.of(institutionId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(InstitutionErrors.INSTITUTION_NOT_FOUND.exception())
                        : Future.succeededFuture());
    }

    /** Fails with INSTITUTION_SUSPENDED while a suspension covers today. */
    static Future<Void> requireNotSuspended(SqlClient client, long institutionId) {
        return client.preparedQuery("""
            SELECT ends_on, reason FROM institution_sanction WHERE institution_id = $1 AND kind = 'SUSPENSION'
               AND current_date BETWEEN starts_on AND ends_on ORDER BY ends_on DESC LIMIT 1""").execute(Tuple.of(institutionId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture();
            }
            String until = rows.iterator().next().getLocalDate("ends_on").toString();
            return Future.failedFuture(InstitutionErrors.SUSPENDED
                    .withDetail("暂停至 " + until, "suspended until " + until)
                    .exception());
        });
    }
}
