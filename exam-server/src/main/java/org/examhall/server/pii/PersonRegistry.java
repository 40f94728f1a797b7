package org.examhall.server.pii;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.examhall.protocol.http.ApiError;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.crypto.KeyMaterial;

/**
 * The register of persons who sit exams, one record per ID number. ID numbers are encrypted with
 * SM4 at rest and found through the blind index; audit entries carry only the masked number.
 */
public final class PersonRegistry {

    public static final ApiError PERSON_EXISTS =
            new ApiError(409, "PERSON_EXISTS", "该身份证号已登记", "A person with this ID number is already registered");

    private final Pool pool;
    private final DataKeyRing cipher;
    private final BlindIndex index;
    private final AuditLog audit;

    public PersonRegistry(Pool pool, KeyMaterial keys, AuditLog audit) {
        this.pool = pool;
        this.cipher = keys.dataCipher();
        this.index = new BlindIndex(keys.indexKey());
        this.audit = audit;
    }

    public record Person(long id, String fullName, ResidentIdNumber idNumber) {
        /** Staff screens see the masked number; the full number is only for the identity check at the door. */
        public JsonObject toJson() {
            return new JsonObject().put("id", id).put("fullName", fullName).put("idNumberMasked", idNumber.masked());
        }
    }

    public Future<Person> register(String fullName, ResidentIdNumber idNumber, Actor actor) {
        byte[] encrypted = cipher.encrypt(idNumber.value().getBytes(StandardCharsets.US_ASCII));
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "INSERT INTO person (full_name, id_number_enc, id_number_index,"
                                        + " id_number_masked) VALUES ($1, $2, $3, $4) RETURNING id")
                        .execute(Tuple.of(
                                fullName,
                                Buffer.buffer(encrypted),
                                Buffer.buffer(index.of(idNumber)),
                                idNumber.masked()))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .compose(id -> audit.append(
                                        tx,
                                        actor.entry(
                                                "person.registered",
                                                "person:" + id,
                                                new JsonObject().put("idNumberMasked", idNumber.masked())))
                                .map(seq -> new Person(id, fullName, idNumber))))
                .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture(PERSON_EXISTS.exception())
                        : Future.failedFuture(e));
    }

    public Future<Optional<Person>> findByIdNumber(ResidentIdNumber idNumber) {
        return pool.preparedQuery("SELECT id, full_name, id_number_enc FROM person WHERE id_number_index = $1")
                .execute(Tuple.of(Buffer.buffer(index.of(idNumber))))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(decode(rows.iterator().next()))
                        : Optional.empty());
    }

    private Person decode(Row row) {
        String number =
                new String(cipher.decrypt(row.getBuffer("id_number_enc").getBytes()), StandardCharsets.US_ASCII);
        return new Person(
                row.getLong("id"),
                row.getString("full_name"),
                ResidentIdNumber.parse(number)
                        .orElseThrow(() -> new IllegalStateException("stored ID number is invalid")));
    }
}
