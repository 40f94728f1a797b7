package org.examhall.server.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed entries from {@code audit_pending} into the hash chain, a batch per transaction:
 * the only writer of {@code audit_log}. One cluster-wide lock is taken per batch rather than per
 * audited change, so a submit storm commits in parallel and is chained a thousand entries at a time.
 * Every node runs one; the lock makes them take turns.
 */
public final class AuditChainer {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChainer.class);
    /** Serialises chainers cluster-wide, so two nodes never chain onto the same previous entry. */
    private static final long CHAIN_LOCK = 0x4155444954L;

    private static final int BATCH = 1000;
    private static final long SWEEP_MS = 500;
    private static final long KICK_DELAY_MS = 25;
    /** How often at most the head is written to the anchor file: the newest entries of this window are not yet witnessed. */
    private static final long ANCHOR_INTERVAL_MS = 30_000;

    private final Vertx vertx;
    private final Pool pool;
    private final AuditAnchors anchors;
    private volatile Head head;
    private volatile Head pendingHead;
    private volatile Head anchored;
    private volatile long anchoredAt;
    private final Object anchorLock = new Object();
    private final AtomicBoolean kicked = new AtomicBoolean();
    private Future<Integer> last = Future.succeededFuture(0);
    private boolean again;
    private long sweepTimer = -1;

    /** The newest chained entry. */
    private record Head(long seq, String hash) {}

    public AuditChainer(Vertx vertx, Pool pool, AuditLog log, AuditAnchors anchors) {
        this.vertx = vertx;
        this.pool = pool;
        this.anchors = anchors;
        log.onAppend(this::kick);
    }

    /** Chains what an earlier run left behind, then keeps chaining as entries arrive. */
    public Future<Integer> start() {
        sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> {
            chainSoon();
            anchorWhenDue();
        });
        return flush();
    }

    /** Blocking: stops the sweep, chains what is still pending and anchors the head it leaves. */
    public void stop() {
        vertx.cancelTimer(sweepTimer);
        try {
            flush().await(30, TimeUnit.SECONDS);
            anchorNow();
        } catch (Exception e) {
            LOG.warn("event=audit_chain_final_flush_failed error={}", e.toString());
        }
    }

    /** The newest head witnessed in this node's anchor file, read off the event loop. */
    public Future<Optional<AuditAnchors.Anchor>> latestAnchor() {
        return vertx.executeBlocking(anchors::latest, false);
    }

    /**
     * Blocking: writes the head to the anchor file unless it is already there. Its own lock, not this object's:
     * the file is written and synced on a worker while the event loop takes this object's lock to chain, and a
     * slow disk must not stall the loop (the event-loop guard caught a 360 ms wait when they shared one).
     */
    public void anchorNow() throws IOException {
        synchronized (anchorLock) {
            Head current = head;
            if (current != null && !current.equals(anchored)) {
                anchors.append(current.seq(), current.hash());
                anchored = current;
                anchoredAt = System.currentTimeMillis();
            }
        }
    }

    private void anchorWhenDue() {
        if (head != null && !head.equals(anchored) && System.currentTimeMillis() - anchoredAt >= ANCHOR_INTERVAL_MS) {
            vertx.executeBlocking(
                            () -> {
                                anchorNow();
                                return null;
                            },
                            false)
                    .onFailure(
                            e -> LOG.warn("event=audit_anchor_failed file={} error={}", anchors.file(), e.toString()));
        }
    }

    /** Chains every entry committed before this call; completes with how many this call chained. */
    public synchronized Future<Integer> flush() {
        Future<Integer> next = last.transform(previous -> chainAll(0));
        last = next;
        return next;
    }

    /** An append just happened: chain soon after it has had a moment to commit; the sweep catches stragglers. */
    private void kick() {
        if (kicked.compareAndSet(false, true)) {
            vertx.setTimer(KICK_DELAY_MS, id -> {
                kicked.set(false);
                chainSoon();
            });
        }
    }

    /**
     * One automatic run at a time: a request while one runs is remembered and served by one more run
     * after it, so a storm of appends never queues a run per append.
     */
    private synchronized void chainSoon() {
        if (!last.isComplete()) {
            again = true;
            return;
        }
        flush().onComplete(done -> {
            boolean rerun;
            synchronized (this) {
                rerun = again;
                again = false;
            }
            if (rerun) {
                chainSoon();
            }
        });
    }

    private Future<Integer> chainAll(int chainedSoFar) {
        return pool.withTransaction(this::chainBatch)
                .onSuccess(n -> {
                    // Only a committed batch moves the head the anchor file may witness.
                    if (n > 0) {
                        head = pendingHead;
                    }
                })
                .onFailure(e -> LOG.warn("event=audit_chain_batch_failed error={}", e.toString()))
                .compose(n -> n == BATCH ? chainAll(chainedSoFar + n) : Future.succeededFuture(chainedSoFar + n));
    }

    private Future<Integer> chainBatch(SqlConnection tx) {
        return tx.query("SELECT id, occurred_at, actor, actor_role, action, target, request_id, details"
                        + " FROM audit_pending ORDER BY id LIMIT " + BATCH)
                .execute()
                .compose(pending -> {
                    if (pending.size() == 0) {
                        return Future.succeededFuture(0);
                    }
                    return tx.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                            .execute(Tuple.of(CHAIN_LOCK))
                            // Another node may have chained these while this one waited for the lock: read them again.
                            .compose(locked -> tx.query(
                                            "SELECT id, occurred_at, actor, actor_role, action, target, request_id, details"
                                                    + " FROM audit_pending ORDER BY id LIMIT " + BATCH + " FOR UPDATE")
                                    .execute())
                            .compose(rows -> tx.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                                    .execute()
                                    .compose(head -> link(tx, rows, head)));
                });
    }

    private Future<Integer> link(SqlConnection tx, Iterable<Row> pending, RowSet<Row> head) {
        Row top = head.iterator().hasNext() ? head.iterator().next() : null;
        long seq = top == null ? 0 : top.getLong("seq");
        String previous = top == null ? AuditChain.GENESIS : top.getString("hash");
        List<Tuple> chained = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (Row row : pending) {
            seq++;
            AuditEntry entry = new AuditEntry(
                    row.getOffsetDateTime("occurred_at").toInstant(),
                    row.getString("actor"),
                    row.getString("actor_role"),
                    row.getString("action"),
                    row.getString("target"),
                    row.getString("request_id"),
                    new JsonObject(CanonicalJson.read(row.getString("details"))));
            String hash = AuditChain.hash(previous, entry, seq);
            chained.add(Tuple.tuple()
                    .addLong(seq)
                    .addOffsetDateTime(entry.occurredAt().atOffset(ZoneOffset.UTC))
                    .addString(entry.actor())
                    .addString(entry.actorRole())
                    .addString(entry.action())
                    .addString(entry.target())
                    .addString(entry.requestId())
                    .addString(row.getString("details"))
                    .addString(previous)
                    .addString(hash));
            ids.add(row.getLong("id"));
            previous = hash;
        }
        if (ids.isEmpty()) {
            return Future.succeededFuture(0);
        }
        Head newHead = new Head(seq, previous);
        return tx.preparedQuery(
                        "INSERT INTO audit_log (seq, occurred_at, actor, actor_role, action, target, request_id, details,"
                                + " prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .executeBatch(chained)
                .compose(x -> tx.preparedQuery("DELETE FROM audit_pending WHERE id = ANY($1)")
                        .execute(Tuple.tuple().addArrayOfLong(ids.toArray(Long[]::new))))
                .map(x -> {
                    pendingHead = newHead;
                    return ids.size();
                });
    }
}
