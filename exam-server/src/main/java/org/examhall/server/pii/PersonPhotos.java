package org.examhall.server.pii;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.crypto.KeyMaterial;

/**
 * Enrolled face photos, SM4-encrypted at rest like ID numbers, and the photo taken at the door of
 * a candidate who came with none, held on the sitting until two proctors make it the enrolled one.
 */
public final class PersonPhotos {

    /**
     * A photo's version as SQL over {@code p.photo_enc}: a digest of the ciphertext, which changes with
     * every store (fresh nonce), read without decrypting. Null when there is no photo.
     */
    public static final String TAG_SQL = "substr(encode(sha256(p.photo_enc), 'hex'), 1, 32)";

    private final DataKeyRing cipher;

    public PersonPhotos(KeyMaterial keys) {
        this.cipher = keys.dataCipher();
    }

    public Future<Void> store(SqlClient client, long personId, byte[] photo) {
        return client.preparedQuery("UPDATE person SET photo_enc = $2 WHERE id = $1")
                .execute(Tuple.of(personId, Buffer.buffer(cipher.encrypt(photo))))
                .mapEmpty();
    }

    public Future<Optional<byte[]>> load(SqlClient client, long personId) {
        return client.preparedQuery("SELECT photo_enc FROM person WHERE id = $1")
                .execute(Tuple.of(personId))
                .map(rows -> {
                    Buffer stored =
                            rows.size() == 0 ? null : rows.iterator().next().getBuffer("photo_enc");
                    return stored == null ? Optional.empty() : Optional.of(cipher.decrypt(stored.getBytes()));
                });
    }

    /** The version of the person's photo ({@link #TAG_SQL}), empty when there is none. */
    public Future<Optional<String>> tag(SqlClient client, long personId) {
        return client.preparedQuery("SELECT " + TAG_SQL + " AS tag FROM person p WHERE p.id = $1")
                .execute(Tuple.of(personId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.ofNullable(rows.iterator().next().getString("tag")));
    }

    /** A door photo as the sitting holds it (the sitting's store writes it), under the same key as enrolled photos. */
    public Buffer encryptDoorPhoto(byte[] photo) {
        return Buffer.buffer(cipher.encrypt(photo));
    }

    /**
     * The door photo becomes the person's enrolled photo, unless one was enrolled meanwhile. Both are
     * under the same key, so it moves without being decrypted. True when it was enrolled.
     */
    public Future<Boolean> enrolDoorPhoto(SqlClient client, long sittingId) {
        return client.preparedQuery("""
            UPDATE person p SET photo_enc = t.door_photo_enc FROM sitting t
             WHERE t.id = $1 AND p.id = t.person_id AND p.photo_enc IS NULL AND t.door_photo_enc IS NOT NULL""").execute(Tuple.of(sittingId)).map(rows -> rows.rowCount() == 1);
    }
}
