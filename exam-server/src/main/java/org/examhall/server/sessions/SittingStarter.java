package org.examhall.server.sessions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditEntry;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.sitting.SittingStore;

/**
 * Issues papers and starts sittings. Every candidate's paper is drawn when the session opens
 * check-in (seeded, recorded, shown to nobody until the start): a bank that cannot supply the room
 * says so while the bureau can still act, and the start itself only sets clocks
 * ({@link SittingStore#start}).
 */
public final class SittingStarter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PaperSource papers;
    private final AuditLog audit;

    public SittingStarter(PaperSource papers, AuditLog audit) {
        this.papers = papers;
        this.audit = audit;
    }

    /** Draws a paper for every candidate of the session who has none yet; in the caller's transaction. */
    public Future<Integer> issuePapers(SqlConnection tx, long sessionId, Actor actor) {
        return issueWhere(tx, sessionId, "t.status <> 'VOIDED'", actor);
    }

    /** Draws, one after another in seat-table order, the papers of the session's sittings that match and have none. */
    private Future<Integer> issueWhere(SqlConnection tx, long sessionId, String condition, Actor actor) {
        return tx.preparedQuery("SELECT t.id, s.blueprint_id FROM sitting t JOIN exam_session s ON s.id = t.session_id"
                        + " WHERE t.session_id = $1 AND t.paper IS NULL AND " + condition + " ORDER BY t.id")
                .execute(Tuple.of(sessionId))
                .compose(rows -> {
                    Future<Integer> chain = Future.succeededFuture(0);
                    for (Row row : rows) {
                        long sittingId = row.getLong("id");
                        String blueprintId = row.getString("blueprint_id");
                        chain = chain.compose(n -> issue(tx, sessionId, sittingId, blueprintId, actor)
                                .map(x -> n + 1));
                    }
                    return chain;
                });
    }

    private Future<Void> issue(SqlConnection tx, long sessionId, long sittingId, String blueprintId, Actor actor) {
        long seed = RANDOM.nextLong();
        return papers.assemble(tx, sessionId, blueprintId, seed)
                .compose(paper -> SittingStore.issuePaper(
                                tx, sittingId, paper.serverJson(), paper.candidateJson(), seed, paper.items())
                        .compose(x -> audit.append(
                                tx,
                                actor.entry(
                                        "sitting.paper_issued",
                                        "sitting:" + sittingId,
                                        new JsonObject().put("paperSeed", seed).put("items", paper.items())))))
                .mapEmpty();
    }

    /**
     * A transaction that drew papers did not commit: the papers it drew must not count against the
     * session's later draws.
     */
    public void forget(long sessionId) {
        papers.forget(sessionId);
    }

    /**
     * Starts every checked-in sitting of a session that is starting now. Their papers were drawn when
     * check-in opened, so one UPDATE starts them all and one batch audits them: one by one, a room
     * held its transaction for three round trips per seat, and in a start storm of 200 rooms the last
     * room ran 8 s after the first.
     */
    public Future<Integer> startCheckedIn(SqlConnection tx, long sessionId) {
        Actor actor = Actor.system("session-start");
        return issueWhere(tx, sessionId, "t.status = 'CHECKED_IN' AND t.terminal_id IS NOT NULL", actor)
                .compose(x -> SittingStore.startCheckedIn(tx, sessionId))
                .compose(rows -> {
                    List<SittingStore.Started> started = new ArrayList<>(rows);
                    // In seat-table order, as one by one: RETURNING has no order of its own.
                    started.sort(Comparator.comparingLong(SittingStore.Started::sittingId));
                    List<AuditEntry> entries = started.stream()
                            .map(sitting -> started(actor, sitting))
                            .toList();
                    return audit.appendAll(tx, entries).map(x -> entries.size());
                });
    }

    private static AuditEntry started(Actor actor, SittingStore.Started sitting) {
        return actor.entry(
                "sitting.started",
                "sitting:" + sitting.sittingId(),
                new JsonObject().put("paperSeed", sitting.paperSeed()).put("items", sitting.items()));
    }

    /**
     * Starts one checked-in sitting of a running session with the paper drawn for it (drawn now if it
     * has none, as for a session that opened check-in before papers were drawn there); in the caller's transaction.
     */
    public Future<Void> start(SqlConnection tx, long sittingId, Actor actor) {
        return tx.preparedQuery("""
            SELECT s.id AS session_id, s.blueprint_id, t.paper IS NOT NULL AS issued
              FROM sitting t JOIN exam_session s ON s.id = t.session_id WHERE t.id = $1""")
                .execute(Tuple.of(sittingId))
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    return row.getBoolean("issued")
                            ? Future.<Void>succeededFuture()
                            : issue(tx, row.getLong("session_id"), sittingId, row.getString("blueprint_id"), actor);
                })
                .compose(x -> SittingStore.start(tx, sittingId))
                .compose(sitting -> audit.append(tx, started(actor, sitting)))
                .mapEmpty();
    }
}
