package org.examhall.server.rooms;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;

/**
 * Exam sites, their rooms and the rooms' terminals. A theory room is approved for exams only with at
 * least {@link #MIN_TERMINALS} enrolled, enabled terminals (the county's standard for exam rooms).
 */
public final class Rooms {

    public static final int MIN_TERMINALS = 25;
    private static final Duration ENROL_CODE_LIFETIME = Duration.ofHours(24);

    private final Pool pool;
    private final AuditLog audit;

    public Rooms(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    public Future<JsonObject> createSite(String name, String address, Actor actor) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "INSERT INTO exam_site (name, address) VALUES ($1, $2) RETURNING id")
                        .execute(Tuple.of(name, address))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .compose(id -> audit.append(
                                        tx,
                                        actor.entry("site.created", "site:" + id, new JsonObject().put("name", name)))
                                .map(seq -> new JsonObject()
                                        .put("id", id)
                                        .put("name", name)
                                        .put("address", address))))
                .recover(Rooms::nameTaken);
    }

    public Future<JsonObject> createRoom(long siteId, String name, Actor actor) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM exam_site WHERE id = $1")
                        .execute(Tuple.of(siteId))
                        .compose(site -> site.size() == 0
                                ? Future.failedFuture(RoomErrors.SITE_NOT_FOUND.exception())
                                : tx.preparedQuery("INSERT INTO exam_room (site_id, name) VALUES ($1, $2) RETURNING id")
                                        .execute(Tuple.of(siteId, name)))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .compose(id -> audit.append(
                                        tx,
                                        actor.entry(
                                                "room.created",
                                                "room:" + id,
                                                new JsonObject()
                                                        .put("siteId", siteId)
                                                        .put("name", name)))
                                .map(seq -> new JsonObject()
                                        .put("id", id)
                                        .put("siteId", siteId)
                                        .put("name", name))))
                .recover(Rooms::nameTaken);
    }

    /** Sites with their rooms, each room with its terminal counts and approval. */
    public Future<JsonArray> overview() {
        return pool.query("""
            SELECT s.id AS site_id, s.name AS site_name, s.address, r.id AS room_id, r.name AS room_name,
                   count(t.id) FILTER (WHERE t.enrolled_at IS NOT NULL AND NOT t.disabled) AS enrolled,
                   count(t.id) AS terminals
              FROM exam_site s
              LEFT JOIN exam_room r ON r.site_id = s.id
              LEFT JOIN terminal t ON t.room_id = r.id
             GROUP BY s.id, r.id ORDER BY s.id, r.id""").execute().map(rows -> {
            JsonArray sites = new JsonArray();
            JsonObject current = null;
            for (Row row : rows) {
                if (current == null || !current.getLong("id").equals(row.getLong("site_id"))) {
                    current = new JsonObject()
                            .put("id", row.getLong("site_id"))
                            .put("name", row.getString("site_name"))
                            .put("address", row.getString("address"))
                            .put("rooms", new JsonArray());
                    sites.add(current);
                }
                if (row.getLong("room_id") != null) {
                    long enrolled = row.getLong("enrolled");
                    current.getJsonArray("rooms")
                            .add(new JsonObject()
                                    .put("id", row.getLong("room_id"))
                                    .put("name", row.getString("room_name"))
                                    .put("terminals", row.getLong("terminals"))
                                    .put("enrolledTerminals", enrolled)
                                    .put("approved", enrolled >= MIN_TERMINALS));
                }
            }
            return sites;
        });
    }

    public Future<Boolean> approved(long roomId) {
        return pool.preparedQuery(
                        "SELECT count(*) AS n FROM terminal WHERE room_id = $1 AND enrolled_at IS NOT NULL AND NOT disabled")
                .execute(Tuple.of(roomId))
                .map(rows -> rows.iterator().next().getLong("n") >= MIN_TERMINALS);
    }

    /**
     * Issues one-time enrolment codes for seats {@code fromSeat..toSeat}, creating the terminal
     * records that are missing and replacing codes not yet used. The codes are shown once.
     */
    public Future<JsonArray> issueEnrolCodes(long roomId, int fromSeat, int toSeat, Actor actor) {
        Instant expires = Instant.now().plus(ENROL_CODE_LIFETIME);
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM exam_room WHERE id = $1")
                .execute(Tuple.of(roomId))
                .compose(room -> {
                    if (room.size() == 0) {
                        return Future.failedFuture(RoomErrors.ROOM_NOT_FOUND.exception());
                    }
                    JsonArray codes = new JsonArray();
                    Future<Void> chain = Future.succeededFuture();
                    for (int seat = fromSeat; seat <= toSeat; seat++) {
                        int seatNo = seat;
                        String code = Secrets.enrolCode();
                        chain = chain.compose(x -> tx.preparedQuery("""
                    INSERT INTO terminal (room_id, seat_no, enrol_code_hash, enrol_code_expires) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (room_id, seat_no) DO UPDATE SET enrol_code_hash = excluded.enrol_code_hash,
                        enrol_code_expires = excluded.enrol_code_expires
                    RETURNING id""")
                                .execute(Tuple.of(roomId, seatNo, Secrets.hash(code), expires.atOffset(ZoneOffset.UTC)))
                                .map(rows -> {
                                    codes.add(new JsonObject()
                                            .put(
                                                    "terminalId",
                                                    rows.iterator().next().getLong("id"))
                                            .put("seatNo", seatNo)
                                            .put("enrolCode", code)
                                            .put("expiresAt", expires.toString()));
                                    return null;
                                }));
                    }
                    return chain.compose(x -> audit.append(
                                    tx,
                                    actor.entry(
                                            "terminal.codes_issued",
                                            "room:" + roomId,
                                            new JsonObject()
                                                    .put("fromSeat", fromSeat)
                                                    .put("toSeat", toSeat))))
                            .map(codes);
                }));
    }

    /** A terminal trades its one-time code for its own device credential; the code is spent. */
    public Future<JsonObject> enrol(String typedCode, Actor actor) {
        String credential = Secrets.credential();
        return pool.withTransaction(tx -> tx.preparedQuery("""
            UPDATE terminal SET credential_hash = $2, enrolled_at = now(), enrol_code_hash = NULL,
                   enrol_code_expires = NULL, disabled = FALSE
             WHERE enrol_code_hash = $1 AND enrol_code_expires > now()
            RETURNING id, room_id, seat_no""")
                .execute(Tuple.of(Secrets.hash(Secrets.normaliseCode(typedCode)), Secrets.hash(credential)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(RoomErrors.ENROL_CODE_INVALID.exception());
                    }
                    Row row = rows.iterator().next();
                    long id = row.getLong("id");
                    return audit.append(
                                    tx,
                                    new Actor("terminal:" + id, "TERMINAL", actor.requestId())
                                            .entry(
                                                    "terminal.enrolled",
                                                    "terminal:" + id,
                                                    new JsonObject()
                                                            .put("roomId", row.getLong("room_id"))
                                                            .put("seatNo", row.getInteger("seat_no"))))
                            .map(seq -> new JsonObject()
                                    .put("terminalId", id)
                                    .put("roomId", row.getLong("room_id"))
                                    .put("seatNo", row.getInteger("seat_no"))
                                    .put("credential", credential));
                }));
    }

    public Future<Void> disable(long terminalId, Actor actor) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "UPDATE terminal SET disabled = TRUE, credential_hash = NULL WHERE id = $1")
                .execute(Tuple.of(terminalId))
                .compose(rows -> rows.rowCount() == 0
                        ? Future.failedFuture(RoomErrors.TERMINAL_NOT_FOUND.exception())
                        : audit.append(tx, actor.entry("terminal.disabled", "terminal:" + terminalId, new JsonObject()))
                                .mapEmpty()));
    }

    private static <T> Future<T> nameTaken(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                ? Future.failedFuture(RoomErrors.NAME_TAKEN.exception())
                : Future.failedFuture(e);
    }
}
