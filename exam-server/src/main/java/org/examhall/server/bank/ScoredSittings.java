package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.examhall.bank.analysis.ItemResponse;
import org.examhall.bank.analysis.ScoredSitting;
import org.examhall.bank.question.QuestionRef;

/**
 * The scored sittings item analysis reads, session by session: every handed-in sitting with its score
 * report (voided ones are left out), and the time on each item where the answer steps tell it.
 */
final class ScoredSittings {

    /** Says whether anything in a session was scored since: the count and the newest hand-in. */
    record Fingerprint(long count, OffsetDateTime newest) {}

    /** A sitting as stored, its report not yet read. */
    record Stored(long id, long session, String paper, String report) {}

    /** The stored sittings, and the seconds on each item by sitting and item number. */
    record Loaded(List<Stored> sittings, Map<Long, Map<Integer, Double>> seconds) {}

    /**
     * Time on an item: the gaps between a sitting's answer steps (the first from the start), each
     * counted to the item the step answered. A gap over ten minutes is a pause, not thinking, and is
     * left out.
     */
    private static final String TIMES = """
      SELECT sitting_id, item_no, sum(seconds) AS seconds FROM (
        SELECT a.sitting_id, a.item_no, extract(epoch FROM a.received_at
                 - coalesce(lag(a.received_at) OVER (PARTITION BY a.sitting_id ORDER BY a.seq), t.started_at)) AS seconds
          FROM answer_step a JOIN sitting t ON t.id = a.sitting_id
         WHERE t.status = 'SUBMITTED' AND t.score_report IS NOT NULL AND t.session_id = ANY ($1)) gaps
       WHERE seconds BETWEEN 0 AND 600
       GROUP BY sitting_id, item_no""";

    private final Pool pool;

    ScoredSittings(Pool pool) {
        this.pool = pool;
    }

    /** Each session with a scored sitting, and its fingerprint. */
    Future<Map<Long, Fingerprint>> fingerprints() {
        return pool.query("SELECT session_id, count(*) AS n, max(submitted_at) AS newest FROM sitting"
                        + " WHERE status = 'SUBMITTED' AND score_report IS NOT NULL GROUP BY session_id")
                .execute()
                .map(rows -> {
                    Map<Long, Fingerprint> sessions = new HashMap<>();
                    rows.forEach(r -> sessions.put(
                            r.getLong("session_id"), new Fingerprint(r.getLong("n"), r.getOffsetDateTime("newest"))));
                    return sessions;
                });
    }

    /** These sessions' stored reports and seconds per sitting and item number; read them with {@link #read}. */
    Future<Loaded> load(List<Long> sessions) {
        Tuple ids = Tuple.tuple().addArrayOfLong(sessions.toArray(Long[]::new));
        Future<List<Stored>> sittings = pool.preparedQuery(
                        "SELECT id, session_id, coalesce(paper_seed::text, id::text) AS paper,"
                                + " score_report FROM sitting WHERE status = 'SUBMITTED' AND score_report IS NOT NULL"
                                + " AND session_id = ANY ($1) ORDER BY id")
                .execute(ids)
                .map(rows -> {
                    List<Stored> stored = new ArrayList<>();
                    rows.forEach(r -> stored.add(new Stored(
                            r.getLong("id"),
                            r.getLong("session_id"),
                            r.getString("paper"),
                            r.getString("score_report"))));
                    return stored;
                });
        Future<Map<Long, Map<Integer, Double>>> times = pool.preparedQuery(TIMES)
                .execute(ids)
                .map(rows -> {
                    Map<Long, Map<Integer, Double>> bySitting = new HashMap<>();
                    rows.forEach(r -> bySitting
                            .computeIfAbsent(r.getLong("sitting_id"), k -> new HashMap<>())
                            .put(
                                    r.getInteger("item_no"),
                                    r.getNumeric("seconds").doubleValue()));
                    return bySitting;
                });
        return Future.all(sittings, times).map(x -> new Loaded(sittings.result(), times.result()));
    }

    /** Parses the reports, by session. Blocking (JSON of every sitting): call on a worker. */
    static Map<Long, List<ScoredSitting>> read(Loaded loaded) {
        Map<Long, List<ScoredSitting>> sittings = new HashMap<>();
        for (Stored stored : loaded.sittings()) {
            JsonObject report = new JsonObject(stored.report());
            Map<Integer, Double> seconds = loaded.seconds().getOrDefault(stored.id(), Map.of());
            List<ItemResponse> responses = new ArrayList<>();
            report.getJsonArray("items").forEach(o -> {
                JsonObject item = (JsonObject) o;
                JsonObject question = item.getJsonObject("question");
                double possible = item.getNumber("possible").doubleValue();
                double earned = item.getNumber("earned").doubleValue();
                int number = item.getInteger("number");
                responses.add(new ItemResponse(
                        number,
                        new QuestionRef(question.getString("id"), question.getInteger("version")),
                        item.getString("chosen"),
                        possible > 0 ? Math.max(0, Math.min(1, earned / possible)) : 0,
                        seconds.get(number)));
            });
            sittings.computeIfAbsent(stored.session(), s -> new ArrayList<>())
                    .add(new ScoredSitting(
                            stored.session(),
                            stored.paper(),
                            report.getNumber("score").doubleValue(),
                            report.getNumber("totalPoints").doubleValue(),
                            report.getNumber("passMark").doubleValue(),
                            responses));
        }
        return sittings;
    }
}
