package org.examhall.server.pii;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.crypto.KeyMaterial;
import org.examhall.server.crypto.Sm4Cipher;

import java.util.Optional;

/** Enrolled face photos, SM4-encrypted at rest like ID numbers. */
public final class PersonPhotos {

  private final Sm4Cipher cipher;

  public PersonPhotos(KeyMaterial keys) {
    this.cipher = keys.dataCipher();
  }

  public Future<Void> store(SqlClient client, long personId, byte[] photo) {
    return client.preparedQuery("UPDATE person SET photo_enc = $2 WHERE id = $1")
        .execute(Tuple.of(personId, Buffer.buffer(cipher.encrypt(photo)))).mapEmpty();
  }

  public Future<Optional<byte[]>> load(SqlClient client, long personId) {
    return client.preparedQuery("SELECT photo_enc FROM person WHERE id = $1").execute(Tuple.of(personId))
        .map(rows -> {
          Buffer stored = rows.size() == 0 ? null : rows.iterator().next().getBuffer("photo_enc");
          return stored == null ? Optional.empty() : Optional.of(cipher.decrypt(stored.getBytes()));
        });
  }
}
