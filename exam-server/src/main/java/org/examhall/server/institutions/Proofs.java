package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.db.Rows;

/** Social-insurance proofs of an application: SM4-encrypted at rest, with the SM3 hash of the file as uploaded. */
public final class Proofs {

    private final Pool pool;
    private final AuditLog audit;
    private final DataKeyRing cipher;

    Proofs(Pool pool, AuditLog audit, DataKeyRing cipher) {
        this.pool = pool;
        this.audit = audit;
        this.cipher = cipher;
    }

    /** Adds a proof to a draft application of the institution. */
    Future<JsonObject> upload(long institutionId, long applicationId, ProofFile file, long staffId, Actor actor) {
        return pool.withTransaction(tx -> Applications.lockOwned(tx, applicationId, institutionId)
                .compose(status -> !"DRAFT".equals(status)
                        ? Future.failedFuture(InstitutionErrors.BAD_APPLICATION_STATE.exception())
                        : tx.preparedQuery("""
                    INSERT INTO application_proof (application_id, file_name, media_type, size_bytes, sm3, content_enc, uploaded_by)
                    VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, uploaded_at""")
                                .execute(Tuple.tuple()
                                        .addLong(applicationId)
                                        .addString(file.fileName())
                                        .addString(file.mediaType())
                                        .addInteger(file.content().length)
                                        .addString(file.sm3())
                                        .addBuffer(Buffer.buffer(cipher.encrypt(file.content())))
                                        .addLong(staffId)))
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    JsonObject proof = json(
                                    row.getLong("id"),
                                    file.fileName(),
                                    file.mediaType(),
                                    file.content().length,
                                    file.sm3())
                            .put("uploadedAt", Rows.instant(row, "uploaded_at"));
                    return audit.append(
                                    tx,
                                    actor.entry(
                                            "application.proof_uploaded", "application:" + applicationId, proof.copy()))
                            .map(seq -> proof);
                }));
    }

    static Future<JsonArray> list(SqlClient client, long applicationId) {
        return client.preparedQuery("""
            SELECT id, file_name, media_type, size_bytes, sm3, uploaded_at FROM application_proof
             WHERE application_id = $1 ORDER BY id""").execute(Tuple.of(applicationId)).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(json(
                            r.getLong("id"),
                            r.getString("file_name"),
                            r.getString("media_type"),
                            r.getInteger("size_bytes"),
                            r.getString("sm3"))
                    .put("uploadedAt", Rows.instant(r, "uploaded_at"))));
            return out;
        });
    }

    private static JsonObject json(long id, String name, String type, int size, String sm3) {
        return new JsonObject()
                .put("id", id)
                .put("fileName", name)
                .put("mediaType", type)
                .put("sizeBytes", size)
                .put("sm3", sm3);
    }

    /** A stored proof, decrypted and checked against its recorded hash. */
    public record Stored(
            long id,
            long applicationId,
            long institutionId,
            String fileName,
            String mediaType,
            byte[] content,
            String sm3) {}

    Future<Stored> load(SqlClient client, long proofId) {
        return client.preparedQuery("""
            SELECT p.id, p.application_id, a.institution_id, p.file_name, p.media_type, p.sm3, p.content_enc
              FROM application_proof p JOIN exam_application a ON a.id = p.application_id WHERE p.id = $1""").execute(Tuple.of(proofId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(InstitutionErrors.PROOF_NOT_FOUND.exception());
            }
            Row r = rows.iterator().next();
            byte[] content = cipher.decrypt(r.getBuffer("content_enc").getBytes());
            if (!Sm3.hex(content).equals(r.getString("sm3"))) {
                return Future.failedFuture(
                        new IllegalStateException("proof " + proofId + " does not match its recorded SM3 hash"));
            }
            return Future.succeededFuture(new Stored(
                    proofId,
                    r.getLong("application_id"),
                    r.getLong("institution_id"),
                    r.getString("file_name"),
                    r.getString("media_type"),
                    content,
                    r.getString("sm3")));
        });
    }

    Future<List<Stored>> loadAll(SqlClient client, long applicationId) {
        return client.preparedQuery("SELECT id FROM application_proof WHERE application_id = $1 ORDER BY id")
                .execute(Tuple.of(applicationId))
                .compose(rows -> {
                    List<Future<Stored>> all = new ArrayList<>();
                    rows.forEach(r -> all.add(load(client, r.getLong("id"))));
                    return Future.all(all).map(done -> done.<Stored>list());
                });
    }
}
