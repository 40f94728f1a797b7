package org.examhall.server.results;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.db.Rows;
import org.examhall.server.sessions.SessionErrors;
import org.examhall.server.sitting.AnswerSheet;

/** The bureau's view of a session's results and of each candidate's answer sheet. */
public final class Results {

    private final Pool pool;

    public Results(Pool pool) {
        this.pool = pool;
    }

    public Future<JsonArray> session(long sessionId) {
        return pool.preparedQuery("""
            SELECT t.id, t.seat_no, t.ticket_no, t.status, t.doubtful, t.score, t.passed, t.submitted_at, t.submit_reason,
                   p.full_name, p.id_number_masked,
                   (SELECT count(*) FROM incident i WHERE i.sitting_id = t.id) AS incidents
              FROM sitting t JOIN person p ON p.id = t.person_id
             WHERE t.session_id = $1 ORDER BY t.seat_no NULLS LAST, t.id""").execute(Tuple.of(sessionId)).map(rows -> {
            JsonArray out = new JsonArray();
            for (Row row : rows) {
                out.add(new JsonObject()
                        .put("sittingId", row.getLong("id"))
                        .put("seatNo", row.getInteger("seat_no"))
                        .put("ticketNo", row.getString("ticket_no"))
                        .put("fullName", row.getString("full_name"))
                        .put("idNumberMasked", row.getString("id_number_masked"))
                        .put("status", row.getString("status"))
                        .put("doubtful", row.getBoolean("doubtful"))
                        .put(
                                "score",
                                row.getBigDecimal("score") == null
                                        ? null
                                        : row.getBigDecimal("score").doubleValue())
                        .put("passed", row.getBoolean("passed"))
                        .put("submittedAt", Rows.instant(row, "submitted_at"))
                        .put("submitReason", row.getString("submit_reason"))
                        .put("incidents", row.getLong("incidents")));
            }
            return out;
        });
    }

    /** One candidate's paper with the keys, their final answers and the scoring breakdown: bureau only. */
    public Future<JsonObject> answerSheet(long sittingId) {
        return pool.preparedQuery(
                        "SELECT session_id, status, paper, score_report, score, passed, doubtful FROM sitting WHERE id = $1")
                .execute(Tuple.of(sittingId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(SessionErrors.SITTING_NOT_FOUND.exception());
                    }
                    Row row = rows.iterator().next();
                    return AnswerSheet.load(pool, sittingId)
                            .map(sheet -> new JsonObject()
                                    .put("sittingId", sittingId)
                                    .put("sessionId", row.getLong("session_id"))
                                    .put("status", row.getString("status"))
                                    .put("doubtful", row.getBoolean("doubtful"))
                                    .put(
                                            "score",
                                            row.getBigDecimal("score") == null
                                                    ? null
                                                    : row.getBigDecimal("score").doubleValue())
                                    .put("passed", row.getBoolean("passed"))
                                    .put("answers", sheet.labelsJson())
                                    .put("lastSeq", sheet.lastSeq())
                                    .put("paper", paper(row.getString("paper")))
                                    .put(
                                            "report",
                                            row.getString("score_report") == null
                                                    ? null
                                                    : new JsonObject(row.getString("score_report"))));
                });
    }

    /** The stored paper; its 64-bit seed goes out as a string, which JavaScript numbers cannot hold exactly. */
    private static JsonObject paper(String json) {
        if (json == null) {
            return null;
        }
        JsonObject paper = new JsonObject(json);
        Object seed = paper.getValue("seed");
        if (seed != null) {
            paper.put("seed", seed.toString());
        }
        return paper;
    }
}
