package org.examhall.server.exam;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Map;
import java.util.TreeMap;

/** The current answers of a sitting: for each item, the step with the highest sequence number. */
public final class AnswerSheet {

  private AnswerSheet() {
  }

  public record Sheet(Map<Integer, String> labels, int lastSeq) {
    public JsonObject labelsJson() {
      JsonObject json = new JsonObject();
      labels.forEach((item, l) -> json.put(item.toString(), l));
      return json;
    }
  }

  public static Future<Sheet> load(SqlClient client, long sittingId) {
    return client.preparedQuery("""
            SELECT DISTINCT ON (item_no) item_no, labels, max(seq) OVER () AS last_seq
              FROM answer_step WHERE sitting_id = $1 ORDER BY item_no, seq DESC""")
        .execute(Tuple.of(sittingId))
        .map(rows -> {
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
