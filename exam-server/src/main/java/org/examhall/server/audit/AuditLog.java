package org.examhall.server.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.ZoneOffset;

/**
 * Appends entries to the hash chain. An append belongs in the same transaction as the change it
 * records, so a change and its audit entry commit or vanish together.
 */
public final class AuditLog {

  /** Serialises appenders cluster-wide, so two nodes never chain onto the same previous entry. */
  private static final long APPEND_LOCK = 0x4155444954L;

  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  /** Appends in the caller's open transaction on {@code connection}. */
  public Future<Long> append(SqlConnection connection, AuditEntry entry) {
    return connection.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(APPEND_LOCK))
        .compose(locked -> connection.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").execute())
        .compose(last -> {
          Row head = last.iterator().hasNext() ? last.iterator().next() : null;
          long seq = head == null ? 1 : head.getLong("seq") + 1;
          String previous = head == null ? AuditChain.GENESIS : head.getString("hash");
          String hash = AuditChain.hash(previous, entry, seq);
          return connection.preparedQuery("INSERT INTO audit_log (seq, occurred_at, actor, actor_role, action, target,"
                  + " request_id, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
              .execute(Tuple.tuple()
                  .addLong(seq)
                  .addOffsetDateTime(entry.occurredAt().atOffset(ZoneOffset.UTC))
                  .addString(entry.actor())
                  .addString(entry.actorRole())
                  .addString(entry.action())
                  .addString(entry.target())
                  .addString(entry.requestId())
                  .addString(CanonicalJson.write(entry.details().getMap()))
                  .addString(previous)
                  .addString(hash))
              .map(inserted -> seq);
        });
  }

  /** Appends in a transaction of its own, for events that change nothing else (sign-in failures, for one). */
  public Future<Long> append(AuditEntry entry) {
    return pool.withTransaction(connection -> append(connection, entry));
  }
}
