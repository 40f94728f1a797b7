package org.examhall.server.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
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
                : pool.preparedQuery("SELECT hash FROM audit_log WHERE seq = $1")
                        .execute(Tuple.of(anchor.get().seq()))
                        .map(rows -> {
                            AuditAnchors.Anchor a = anchor.get();
                            if (rows.size() == 0) {
                                return new Result(
                                        false,
                                        chain.checked(),
                                        a.seq(),
                                        "entry " + a.seq() + ", witnessed outside the database at " + a.at()
                                                + ", is missing: the newest entries were deleted");
                            }
                            if (!a.hash().equals(rows.iterator().next().getString("hash"))) {
                                return new Result(
                                        false,
                                        chain.checked(),
                                        a.seq(),
                                        "entry " + a.seq() + " differs from the hash witnessed"
                                                + " outside the database at " + a.at()
                                                + ": the chain was rewritten from there on");
                            }
                            return chain;
                        }));
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
