package org.examhall.server.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recomputes the chain from the stored columns, page by page, and reports the first entry whose
 * stored hash, previous hash or sequence number does not match what the chain requires.
 */
public final class AuditChainVerifier {

    private static final int PAGE = 2000;

    private final Pool pool;

    public AuditChainVerifier(Pool pool) {
        this.pool = pool;
    }

    public record Result(boolean ok, long checked, Long brokenSeq, String reason) {
        public JsonObject toJson() {
            JsonObject json = new JsonObject().put("ok", ok).put("checked", checked);
            if (!ok) {
                json.put("firstBroken", new JsonObject().put("seq", brokenSeq).put("reason", reason));
            }
            return json;
        }
    }

    public Future<Result> verify() {
        return page(0, AuditChain.GENESIS, 0);
    }

    /**
     * The chain as above, and then the head witnessed outside the database: the anchored entry must
     * still be there with the same hash, or the newest entries were deleted or re-chained.
     */
    public Future<Result> verify(Optional<AuditAnchors.Anchor> anchor) {
        return verify().compose(chain -> !chain.ok() || anchor.isEmpty()
                ? Future.succeededFuture(chain)
                : witnessed(chain, List.of(anchor.get()), "the newest entries were deleted"));
    }

    /**
     * The chain, the newest witness as above, and then every earlier witness: an entry witnessed once must still
     * be there with the hash it had. The newest line alone passes again once a node restored to an earlier time
     * goes on writing; the earlier lines still name the entries that were lost.
     */
    public Future<Result> verify(List<AuditAnchors.Anchor> witnesses) {
        if (witnesses.isEmpty()) {
            return verify();
        }
        List<AuditAnchors.Anchor> earlier = witnesses.subList(0, witnesses.size() - 1);
        return verify(Optional.of(witnesses.get(witnesses.size() - 1)))
                .compose(newest -> !newest.ok() || earlier.isEmpty()
                        ? Future.succeededFuture(newest)
                        : witnessed(newest, earlier, "entries were deleted after it was witnessed"));
    }

    /** Checks the witnesses a page at a time; the first one the chain no longer bears out breaks it. */
    private Future<Result> witnessed(Result chain, List<AuditAnchors.Anchor> witnesses, String whenMissing) {
        List<AuditAnchors.Anchor> batch = witnesses.subList(0, Math.min(PAGE, witnesses.size()));
        Long[] seqs = batch.stream().map(AuditAnchors.Anchor::seq).distinct().toArray(Long[]::new);
        return pool.preparedQuery("SELECT seq, hash FROM audit_log WHERE seq = ANY($1)")
                .execute(Tuple.of(seqs))
                .compose(rows -> {
                    Map<Long, String> stored = new HashMap<>();
                    rows.forEach(row -> stored.put(row.getLong("seq"), row.getString("hash")));
                    for (AuditAnchors.Anchor a : batch) {
                        String hash = stored.get(a.seq());
                        if (hash == null) {
                            return Future.succeededFuture(new Result(
                                    false,
                                    chain.checked(),
                                    a.seq(),
                                    "entry " + a.seq() + ", witnessed outside the database at " + a.at()
                                            + ", is missing: " + whenMissing));
                        }
                        if (!a.hash().equals(hash)) {
                            return Future.succeededFuture(new Result(
                                    false,
                                    chain.checked(),
                                    a.seq(),
                                    "entry " + a.seq() + " differs from the hash witnessed"
                                            + " outside the database at " + a.at()
                                            + ": the chain was rewritten from there on"));
                        }
                    }
                    return batch.size() == witnesses.size()
                            ? Future.succeededFuture(chain)
                            : witnessed(chain, witnesses.subList(batch.size(), witnesses.size()), whenMissing);
                });
    }

    private Future<Result> page(long afterSeq, String previousHash, long checked) {
        return pool.preparedQuery("SELECT seq, occurred_at, actor, actor_role, action, target, request_id, details,"
                        + " prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2")
                .execute(Tuple.of(afterSeq, PAGE))
                .compose(rows -> {
                    long expectedSeq = afterSeq + 1;
                    String previous = previousHash;
                    long count = checked;
                    for (Row row : rows) {
                        long seq = row.getLong("seq");
                        if (seq != expectedSeq) {
                            return Future.succeededFuture(new Result(
                                    false,
                                    count,
                                    expectedSeq,
                                    "entry " + expectedSeq + " is missing (next stored entry is " + seq + ")"));
                        }
                        if (!Objects.equals(row.getString("prev_hash"), previous)) {
                            return Future.succeededFuture(new Result(
                                    false, count, seq, "previous-hash link does not match entry " + (seq - 1)));
                        }
                        String recomputed = recompute(row, previous);
                        if (recomputed == null || !recomputed.equals(row.getString("hash"))) {
                            return Future.succeededFuture(new Result(
                                    false, count, seq, "content does not match its hash (entry was altered)"));
                        }
                        previous = recomputed;
                        expectedSeq++;
                        count++;
                    }
                    if (rows.size() < PAGE) {
                        return Future.succeededFuture(new Result(true, count, null, null));
                    }
                    return page(expectedSeq - 1, previous, count);
                });
    }

    private static String recompute(Row row, String previous) {
        try {
            AuditEntry entry = new AuditEntry(
                    row.getOffsetDateTime("occurred_at").toInstant(),
                    row.getString("actor"),
                    row.getString("actor_role"),
                    row.getString("action"),
                    row.getString("target"),
                    row.getString("request_id"),
                    new JsonObject(CanonicalJson.read(row.getString("details"))));
            return AuditChain.hash(previous, entry, row.getLong("seq"));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
