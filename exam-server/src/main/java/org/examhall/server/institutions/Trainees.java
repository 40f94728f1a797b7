package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.pii.PersonRegistry;
import org.examhall.server.pii.ResidentIdNumber;

/**
 * An institution's trainees. The person (ID number SM4-encrypted, blind-indexed) is shared with the
 * exam side; the trainee record adds the name as the institution declared it, the employer and the
 * photo (SM4-encrypted). The institution sees only what it declared. The bureau's person record
 * wins: an institution's name or photo never replaces what the bureau and the province see, and
 * its photo goes to the session only for a person who has none.
 */
final class Trainees {

    private final Pool pool;
    private final AuditLog audit;
    private final PersonRegistry persons;
    private final DataKeyRing cipher;

    Trainees(Pool pool, AuditLog audit, PersonRegistry persons, DataKeyRing cipher) {
        this.pool = pool;
        this.audit = audit;
        this.persons = persons;
        this.cipher = cipher;
    }

    Future<JsonObject> register(
            long institutionId,
            String fullName,
            ResidentIdNumber idNumber,
            String employer,
            byte[] photo,
            Actor actor) {
        return persons.findByIdNumber(idNumber)
                .compose(found -> found.isPresent()
                        ? Future.succeededFuture(found.get())
                        : persons.register(fullName, idNumber, actor)
                                .recover(e -> persons.findByIdNumber(idNumber)
                                        .map(again -> again.orElseThrow(() ->
                                                e instanceof RuntimeException r ? r : new IllegalStateException(e)))))
                .compose(person -> pool.withTransaction(tx -> tx.preparedQuery("""
                    INSERT INTO trainee (institution_id, person_id, declared_name, employer, photo_enc)
                    VALUES ($1, $2, $3, $4, $5) RETURNING id""")
                        .execute(Tuple.of(
                                institutionId,
                                person.id(),
                                fullName,
                                employer,
                                photo == null ? null : Buffer.buffer(cipher.encrypt(photo))))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .compose(id -> audit.append(
                                        tx,
                                        actor.entry(
                                                "institution.trainee_registered",
                                                "trainee:" + id,
                                                new JsonObject()
                                                        .put("institutionId", institutionId)
                                                        .put("personId", person.id())
                                                        .put("idNumberMasked", idNumber.masked())
                                                        .put("photo", photo != null)
                                                        .put(
                                                                "nameDiffersFromPerson",
                                                                !person.fullName()
                                                                        .equals(fullName))))
                                .map(seq -> new JsonObject()
                                        .put("id", id)
                                        .put("fullName", fullName)
                                        .put("idNumberMasked", idNumber.masked())
                                        .put("employer", employer)
                                        .put("photo", photo != null)))))
                .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture(InstitutionErrors.TRAINEE_EXISTS.exception())
                        : Future.failedFuture(e));
    }

    Future<JsonArray> list(long institutionId) {
        return pool.preparedQuery("""
            SELECT tr.id, tr.employer, tr.photo_enc IS NOT NULL AS photo, tr.declared_name AS full_name, p.id_number_masked
              FROM trainee tr JOIN person p ON p.id = tr.person_id WHERE tr.institution_id = $1 ORDER BY tr.id""").execute(Tuple.of(institutionId)).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(json(r)));
            return out;
        });
    }

    static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("fullName", r.getString("full_name"))
                .put("idNumberMasked", r.getString("id_number_masked"))
                .put("employer", r.getString("employer"))
                .put("photo", r.getBoolean("photo"));
    }

    /** The trainee's person and, if the person has no enrolled photo yet, the institution's photo, for making them a candidate. */
    record ForExam(long traineeId, long personId, String fullName, ResidentIdNumber idNumber, byte[] photo) {}

    Future<ForExam> forExam(SqlClient client, long traineeId) {
        return client.preparedQuery("""
            SELECT tr.person_id, CASE WHEN p.photo_enc IS NULL THEN tr.photo_enc END AS photo_enc, p.full_name, p.id_number_enc
              FROM trainee tr JOIN person p ON p.id = tr.person_id WHERE tr.id = $1""").execute(Tuple.of(traineeId)).map(rows -> {
            Row row = rows.iterator().next();
            Buffer photo = row.getBuffer("photo_enc");
            String number =
                    new String(cipher.decrypt(row.getBuffer("id_number_enc").getBytes()), StandardCharsets.US_ASCII);
            return new ForExam(
                    traineeId,
                    row.getLong("person_id"),
                    row.getString("full_name"),
                    ResidentIdNumber.parse(number)
                            .orElseThrow(() -> new IllegalStateException("stored ID number is invalid")),
                    photo == null ? null : cipher.decrypt(photo.getBytes()));
        });
    }
}
