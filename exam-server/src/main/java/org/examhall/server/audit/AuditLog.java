package org.examhall.server.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records audit entries. An append belongs in the same transaction as the change it records, so a
 * change and its entry commit or vanish together. The entry is written to {@code audit_pending}
 * without any lock, so concurrent changes commit side by side; {@link AuditChainer} links committed
 * entries into the hash chain shortly after.
 */
public final class AuditLog {

    private final Pool pool;
    private volatile Runnable appended = () -> {};

    public AuditLog(Pool pool) {
        this.pool = pool;
    }

    /** Called after each append, so a running chainer can pick the entry up soon after it commits. */
    void onAppend(Runnable listener) {
        this.appended = listener;
    }

    private static final String INSERT =
            "INSERT INTO audit_pending (occurred_at, actor, actor_role, action, target, request_id,"
                    + " details) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

    /** Appends in the caller's open transaction on {@code connection}; answers the pending entry's id. */
    public Future<Long> append(SqlConnection connection, AuditEntry entry) {
        return connection.preparedQuery(INSERT).execute(row(entry)).map(rows -> {
            appended.run();
            return rows.iterator().next().getLong("id");
        });
    }

    /**
     * Appends several entries, in this order, in the caller's open transaction with one round trip:
     * the start of a room's 50 sittings, say, which one by one held its transaction for 50 round trips.
     */
    public Future<Void> appendAll(SqlConnection connection, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return Future.succeededFuture();
        }
        return connection
                .preparedQuery(INSERT)
                .executeBatch(entries.stream().map(AuditLog::row).toList())
                .map(rows -> {
                    appended.run();
                    return null;
                });
    }

    private static Tuple row(AuditEntry entry) {
        return Tuple.tuple()
                .addOffsetDateTime(entry.occurredAt().atOffset(ZoneOffset.UTC))
                .addString(entry.actor())
                .addString(entry.actorRole())
                .addString(entry.action())
                .addString(entry.target())
                .addString(entry.requestId())
                .addString(CanonicalJson.write(entry.details().getMap()));
    }

    /** Appends in a transaction of its own, for events that change nothing else (sign-in failures, for one). */
    public Future<Long> append(AuditEntry entry) {
        return pool.withTransaction(connection -> append(connection, entry));
    }
}
