package org.examhall.server.exam;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.live.RoomEvents;
import org.examhall.server.sessions.PaperSource;
import org.examhall.server.sitting.AnswerSheet;
import org.examhall.server.sitting.SittingEvent;
import org.examhall.server.sitting.SittingStatus;
import org.examhall.server.sitting.SittingStore;

/**
 * Hands in a sitting and scores it. The sitting row is locked for update first, which waits for any
 * autosave batch holding its share lock: every acknowledged answer is in the sheet that is scored,
 * and no answer is acknowledged afterwards.
 */
public final class Submission {

    public enum Reason {
        CANDIDATE,
        DEADLINE,
        PROCTOR
    }

    private final Pool pool;
    private final PaperSource papers;
    private final AuditLog audit;
    private final RoomEvents events;
    private final Vertx vertx;

    public Submission(Vertx vertx, Pool pool, PaperSource papers, AuditLog audit, RoomEvents events) {
        this.vertx = vertx;
        this.pool = pool;
        this.papers = papers;
        this.audit = audit;
        this.events = events;
    }

    /** @return the result, or an empty object when the sitting was already handed in */
    public Future<JsonObject> submit(long sittingId, Reason reason, Actor actor) {
        return pool.withTransaction(tx -> submit(tx, sittingId, reason, actor))
                .onSuccess(result -> announce(result, sittingId));
    }

    /** Tells the room's consoles, after the transaction that handed the sitting in has committed. */
    void announce(JsonObject result, long sittingId) {
        if (result.containsKey("sessionId")) {
            events.sittingChanged(result.getLong("sessionId"), sittingId);
        }
    }

    Future<JsonObject> submit(SqlConnection tx, long sittingId, Reason reason, Actor actor) {
        return tx.preparedQuery("""
            SELECT t.session_id, t.status, t.paper, s.show_score FROM sitting t JOIN exam_session s ON s.id = t.session_id
             WHERE t.id = $1 FOR UPDATE OF t""").execute(Tuple.of(sittingId)).compose(rows -> {
            Row row = rows.iterator().next();
            if (!SittingEvent.HAND_IN.allowedFrom(SittingStatus.valueOf(row.getString("status")))) {
                return Future.succeededFuture(new JsonObject());
            }
            long sessionId = row.getLong("session_id");
            boolean showScore = row.getBoolean("show_score");
            String paper = row.getString("paper");
            // Reading the paper and scoring it take a millisecond or two of CPU each: a submit storm of
            // thousands would hold the event loops, so it runs on a worker, inside the transaction.
            return AnswerSheet.load(tx, sittingId)
                    .compose(sheet -> vertx.executeBlocking(() -> papers.score(paper, sheet.labels()), false)
                            .compose(score -> handIn(tx, sittingId, reason, actor, sheet, score)
                                    .map(seq -> {
                                        JsonObject result = new JsonObject()
                                                .put("sessionId", sessionId)
                                                .put("submitted", true)
                                                .put("reason", reason.name())
                                                .put("answered", sheet.answered());
                                        if (showScore) {
                                            result.put("score", score.points().doubleValue())
                                                    .put("total", score.total().doubleValue())
                                                    .put("passed", score.passed());
                                        }
                                        return result;
                                    })));
        });
    }

    private Future<Long> handIn(
            SqlConnection tx,
            long sittingId,
            Reason reason,
            Actor actor,
            AnswerSheet.Sheet sheet,
            PaperSource.Score score) {
        return SittingStore.handIn(tx, sittingId, reason.name(), score.points(), score.passed(), score.reportJson())
                .compose(x -> audit.append(
                        tx,
                        actor.entry(
                                "sitting.submitted",
                                "sitting:" + sittingId,
                                new JsonObject()
                                        .put("reason", reason.name())
                                        .put("answered", sheet.answered())
                                        .put("lastSeq", sheet.lastSeq())
                                        .put("score", score.points().toPlainString())
                                        .put("passed", score.passed()))));
    }
}
