package org.examhall.server.sitting;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.TreeMap;

/**
 * The current answers of a sitting. The answer log is append-only: an item's answer is its latest
 * step, the one with the highest sequence number, and an item is answered when that step holds a
 * label; a cleared answer (a step with no labels) is not. The terminal's closing screen, the hand-in,
 * the proctor's grid and the progress feed all count "answered" by this one definition.
 */
public final class AnswerSheet {

    /** The latest step of each item of sitting {@code $1}. */
    private static final String LATEST_STEPS = """
      SELECT DISTINCT ON (item_no) item_no, labels, max(seq) OVER () AS last_seq
        FROM answer_step WHERE sitting_id = $1 ORDER BY item_no, seq DESC""";

    /**
     * The number of answered items of the sitting {@code t} as an SQL expression, for reads of many
     * sittings at once (the grid), where loading each sheet would be a round trip per seat.
     */
    public static final String ANSWERED_SQL = """
      (SELECT count(*) FROM (SELECT DISTINCT ON (a.item_no) a.labels FROM answer_step a
                              WHERE a.sitting_id = t.id ORDER BY a.item_no, a.seq DESC) latest
        WHERE latest.labels <> '')""";

    private AnswerSheet() {}

    /** Each item's latest labels ("" when cleared), and the highest sequence number the sitting has stored. */
    public record Sheet(Map<Integer, String> labels, int lastSeq) {

        public JsonObject labelsJson() {
            JsonObject json = new JsonObject();
            labels.forEach((item, l) -> json.put(item.toString(), l));
            return json;
        }

        public long answered() {
            return labels.values().stream().filter(l -> !l.isEmpty()).count();
        }
    }

    public static Future<Sheet> load(SqlClient client, long sittingId) {
        return client.preparedQuery(LATEST_STEPS).execute(Tuple.of(sittingId)).map(rows -> {
            Map<Integer, String> labels = new TreeMap<>();
            int last = 0;
            for (var row : rows) {
                labels.put(row.getInteger("item_no"), row.getString("labels"));
                last = row.getInteger("last_seq");
            }
            return new Sheet(labels, last);
        });
    }
}
