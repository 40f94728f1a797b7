package org.examhall.server.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import org.examhall.server.db.Rows;

/**
 * What candidates' terminals report (leaving full screen, losing focus, copy and paste, a second
 * login): stored first, then pushed to the session's consoles, so a console opened later and the
 * room record show the same history the live feed did. A signal changes no result by itself.
 */
public final class KioskSignals {

    /** Kinds a terminal reports about itself; SECOND_LOGIN and TICKET_MISMATCH are raised by the server. */
    public static final Set<String> REPORTED_BY_TERMINAL = Set.of(
            "FULLSCREEN_EXIT", "FOCUS_LOST", "COPY_ATTEMPT", "PASTE_ATTEMPT", "CONTEXT_MENU", "OFFLINE", "RELOAD");

    public static final String SECOND_LOGIN = "SECOND_LOGIN";
    public static final String TICKET_MISMATCH = "TICKET_MISMATCH";
    private static final int HISTORY_LIMIT = 500;

    private final Pool pool;
    private final RoomEvents events;

    public KioskSignals(Pool pool, RoomEvents events) {
        this.pool = pool;
        this.events = events;
    }

    /** Stores one signal of a sitting and tells the consoles; it completes once the row is committed. */
    public Future<Long> record(long sessionId, long sittingId, long terminalId, String kind) {
        return pool.preparedQuery("""
            INSERT INTO kiosk_signal (session_id, sitting_id, terminal_id, kind) VALUES ($1, $2, $3, $4)
            RETURNING id, occurred_at""")
                .execute(Tuple.of(sessionId, sittingId, terminalId, kind))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long id = row.getLong("id");
                    events.alert(
                            sessionId,
                            sittingId,
                            kind,
                            new JsonObject().put("terminalId", terminalId).put("signalId", id));
                    events.sittingChanged(sessionId, sittingId);
                    return id;
                });
    }

    /** The session's signals, newest first, in the shape the live feed pushes them. */
    public Future<JsonArray> history(long sessionId) {
        return pool.preparedQuery("""
            SELECT id, sitting_id, terminal_id, kind, occurred_at FROM kiosk_signal
             WHERE session_id = $1 ORDER BY id DESC LIMIT $2""")
                .execute(Tuple.of(sessionId, HISTORY_LIMIT))
                .map(rows -> {
                    JsonArray list = new JsonArray();
                    for (Row row : rows) {
                        list.add(new JsonObject()
                                .put("kind", row.getString("kind"))
                                .put("sittingId", row.getLong("sitting_id"))
                                .put("at", Rows.instant(row, "occurred_at"))
                                .put(
                                        "detail",
                                        new JsonObject()
                                                .put("terminalId", row.getLong("terminal_id"))
                                                .put("signalId", row.getLong("id"))));
                    }
                    return list;
                });
    }
}
