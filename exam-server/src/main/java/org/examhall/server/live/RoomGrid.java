package org.examhall.server.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.examhall.server.db.Rows;
import org.examhall.server.sitting.AnswerSheet;
import org.examhall.server.sitting.SittingClock;
import org.examhall.server.sitting.SittingStatus;

/**
 * The proctor's view of a room: one row per candidate with status, seat, progress and time left.
 * Connection state comes from the cluster-wide presence map, so it is right whichever node the
 * terminal talks to.
 */
public final class RoomGrid {

    /** A terminal that has not been heard from for this long shows as disconnected. */
    public static final long DISCONNECTED_AFTER_MS = 20_000;

    private static final String SEATS = """
      SELECT t.id, t.seat_no, t.ticket_no, t.status, t.doubtful, t.face_failures, t.terminal_id, t.deadline, t.paused_at,
             t.submitted_at, t.submit_reason, t.score, t.passed, p.full_name, p.id_number_masked,
             %s AS answered,
             (SELECT count(*) FROM incident i WHERE i.sitting_id = t.id) AS incidents,
             (SELECT count(*) FROM kiosk_signal k WHERE k.sitting_id = t.id) AS signals, t.item_count
        FROM sitting t JOIN person p ON p.id = t.person_id
       WHERE t.session_id = $1 %%s
       ORDER BY t.seat_no NULLS LAST, t.id""".formatted(AnswerSheet.ANSWERED_SQL);

    private final Pool pool;
    private final Presence presence;

    public RoomGrid(Pool pool, Presence presence) {
        this.pool = pool;
        this.presence = presence;
    }

    public Future<JsonArray> seats(long sessionId) {
        return read(sessionId, "", Tuple.of(sessionId));
    }

    /** The rows of these sittings of the session, in seat order; sittings of other sessions are left out. */
    public Future<JsonArray> seats(long sessionId, List<Long> sittingIds) {
        return read(
                sessionId,
                "AND t.id = ANY($2::bigint[])",
                Tuple.tuple().addLong(sessionId).addArrayOfLong(sittingIds.toArray(new Long[0])));
    }

    private Future<JsonArray> read(long sessionId, String filter, Tuple arguments) {
        return pool.preparedQuery(SEATS.formatted(filter))
                .execute(arguments)
                .compose(rows -> presence.snapshot(sessionId).map(seen -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(row -> out.add(seat(row, seen)));
                    return out;
                }));
    }

    private static JsonObject seat(Row row, Map<Long, Long> seen) {
        SittingStatus status = SittingStatus.valueOf(row.getString("status"));
        Long lastSeen = seen.get(row.getLong("id"));
        long now = System.currentTimeMillis();
        boolean connected = lastSeen != null && now - lastSeen < DISCONNECTED_AFTER_MS;
        String shown = switch (status) {
            case REGISTERED -> "ABSENT";
            case ANSWERING -> connected ? status.name() : "DISCONNECTED";
            default -> status.name();
        };
        SittingClock clock = SittingClock.of(row);
        Long remaining =
                clock.started() ? clock.remaining(Instant.ofEpochMilli(now)).toMillis() : null;
        return new JsonObject()
                .put("sittingId", row.getLong("id"))
                .put("seatNo", row.getInteger("seat_no"))
                .put("ticketNo", row.getString("ticket_no"))
                .put("fullName", row.getString("full_name"))
                .put("idNumberMasked", row.getString("id_number_masked"))
                .put("status", shown)
                .put("connected", connected)
                .put("doubtful", row.getBoolean("doubtful"))
                .put("flagged", row.getLong("incidents") > 0)
                .put("signals", row.getLong("signals"))
                .put("faceFailures", row.getInteger("face_failures"))
                .put("terminalId", row.getLong("terminal_id"))
                .put("answered", row.getLong("answered"))
                .put("items", row.getInteger("item_count"))
                .put(
                        "lastHeartbeat",
                        lastSeen == null ? null : Instant.ofEpochMilli(lastSeen).toString())
                .put("remainingMs", remaining)
                .put("submittedAt", Rows.instant(row, "submitted_at"))
                .put("submitReason", row.getString("submit_reason"))
                .put(
                        "score",
                        row.getBigDecimal("score") == null
                                ? null
                                : row.getBigDecimal("score").doubleValue())
                .put("passed", row.getBoolean("passed"));
    }
}
