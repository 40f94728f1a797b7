package org.examhall.server.sessions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.db.Rows;
import org.examhall.server.pii.PersonPhotos;
import org.examhall.server.pii.PersonRegistry;
import org.examhall.server.pii.ResidentIdNumber;
import org.examhall.server.rooms.RoomErrors;
import org.examhall.server.rooms.Rooms;
import org.examhall.server.sitting.SittingStore;

/**
 * Exam sessions: scheduling in an approved room with at least two proctors, the candidate list,
 * and the state machine with its side effects (seat draw at check-in, papers at the start).
 */
public final class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final AuditLog audit;
    private final Rooms rooms;
    private final PersonRegistry persons;
    private final PersonPhotos photos;
    private final PaperSource papers;
    private final SittingStarter starter;
    private final ZoneId siteZone;

    public Sessions(
            Pool pool,
            AuditLog audit,
            Rooms rooms,
            PersonRegistry persons,
            PersonPhotos photos,
            PaperSource papers,
            SittingStarter starter,
            ZoneId siteZone) {
        this.pool = pool;
        this.audit = audit;
        this.rooms = rooms;
        this.persons = persons;
        this.photos = photos;
        this.papers = papers;
        this.starter = starter;
        this.siteZone = siteZone;
    }

    public record NewSession(
            long roomId,
            String blueprintId,
            String title,
            Instant startsAt,
            Integer durationMinutes,
            List<Long> proctorIds,
            boolean showScore) {}

    public Future<JsonObject> create(NewSession request, Actor actor) {
        Set<Long> proctors = new LinkedHashSet<>(request.proctorIds());
        if (proctors.size() < 2) {
            return Future.failedFuture(SessionErrors.TOO_FEW_PROCTORS.exception());
        }
        return papers.blueprint(request.blueprintId())
                .compose(blueprint -> rooms.approved(request.roomId())
                        .recover(e -> Future.failedFuture(RoomErrors.ROOM_NOT_FOUND.exception()))
                        .compose(approved -> approved
                                ? Future.succeededFuture()
                                : Future.failedFuture(SessionErrors.ROOM_NOT_APPROVED.exception()))
                        .compose(x -> pool.withTransaction(tx -> checkProctors(tx, proctors)
                                .compose(ok -> requireRoomFree(
                                        tx,
                                        request.roomId(),
                                        new ScheduleWindow(
                                                request.startsAt(),
                                                Duration.ofMinutes(
                                                        request.durationMinutes() == null
                                                                ? blueprint.durationMinutes()
                                                                : request.durationMinutes()))))
                                .compose(ok -> tx.preparedQuery("""
                    INSERT INTO exam_session (room_id, operation_item, blueprint_id, title, starts_at, duration_minutes, show_score)
                    VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""")
                                        .execute(Tuple.tuple()
                                                .addLong(request.roomId())
                                                .addString(blueprint.operationItem())
                                                .addString(blueprint.id())
                                                .addString(
                                                        request.title() == null ? blueprint.title() : request.title())
                                                .addOffsetDateTime(
                                                        request.startsAt().atOffset(ZoneOffset.UTC))
                                                .addInteger(
                                                        request.durationMinutes() == null
                                                                ? blueprint.durationMinutes()
                                                                : request.durationMinutes())
                                                .addBoolean(request.showScore())))
                                .map(rows -> rows.iterator().next().getLong("id"))
                                .compose(id -> tx.preparedQuery(
                                                "INSERT INTO session_proctor (session_id, staff_id) VALUES ($1, $2)")
                                        .executeBatch(proctors.stream()
                                                .map(p -> Tuple.of(id, p))
                                                .toList())
                                        .compose(r -> Separation.checkSession(tx, id))
                                        .compose(r -> audit.append(
                                                tx,
                                                actor.entry(
                                                        "session.created",
                                                        "session:" + id,
                                                        new JsonObject()
                                                                .put("roomId", request.roomId())
                                                                .put("blueprintId", blueprint.id())
                                                                .put(
                                                                        "startsAt",
                                                                        request.startsAt()
                                                                                .toString())
                                                                .put(
                                                                        "proctors",
                                                                        new JsonArray(new ArrayList<>(proctors))))))
                                        .compose(seq -> detail(tx, id))))));
    }

    private static Future<Void> checkProctors(SqlConnection tx, Set<Long> proctors) {
        return tx.preparedQuery(
                        "SELECT count(*) AS n FROM staff_account WHERE id = ANY($1) AND role = 'PROCTOR' AND NOT disabled")
                .execute(Tuple.of(proctors.toArray(new Long[0])))
                .compose(rows -> rows.iterator().next().getLong("n") == proctors.size()
                        ? Future.succeededFuture()
                        : Future.failedFuture(SessionErrors.NOT_A_PROCTOR.exception()));
    }

    /**
     * One room, one session at a time: the room row is locked so that two bureau staff scheduling at
     * once cannot both pass the check. Closed sessions no longer hold the room, so a retake can follow
     * a session that ended early.
     */
    private Future<Void> requireRoomFree(SqlConnection tx, long roomId, ScheduleWindow wanted) {
        return tx.preparedQuery("SELECT id FROM exam_room WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(roomId))
                .compose(locked -> tx.preparedQuery("""
                SELECT id, title, starts_at, duration_minutes FROM exam_session
                 WHERE room_id = $1 AND state IN ('SCHEDULED', 'CHECK_IN', 'RUNNING')
                   AND starts_at < $3 AND starts_at + make_interval(mins => duration_minutes) > $2
                 ORDER BY starts_at LIMIT 1""")
                        .execute(Tuple.of(
                                roomId,
                                wanted.startsAt().atOffset(ZoneOffset.UTC),
                                wanted.endsAt().atOffset(ZoneOffset.UTC))))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture();
                    }
                    Row other = rows.iterator().next();
                    ScheduleWindow taken = new ScheduleWindow(
                            other.getOffsetDateTime("starts_at").toInstant(),
                            Duration.ofMinutes(other.getInteger("duration_minutes")));
                    String when = ScheduleWindow.clock(taken.startsAt(), siteZone) + " – "
                            + ScheduleWindow.clock(taken.endsAt(), siteZone);
                    return Future.failedFuture(SessionErrors.ROOM_BOOKED
                            .withDetail(
                                    "场次 #" + other.getLong("id") + "「" + other.getString("title") + "」，" + when,
                                    "session #" + other.getLong("id") + " \"" + other.getString("title") + "\", "
                                            + when)
                            .exception());
                });
    }

    public Future<JsonObject> detail(long sessionId) {
        return pool.withConnection(connection -> detail(connection, sessionId));
    }

    private static Future<JsonObject> detail(SqlConnection connection, long sessionId) {
        return connection
                .preparedQuery("""
            SELECT s.*, r.name AS room_name, r.site_id,
                   (SELECT array_agg(staff_id ORDER BY staff_id) FROM session_proctor p WHERE p.session_id = s.id) AS proctors,
                   (SELECT count(*) FROM sitting t WHERE t.session_id = s.id) AS candidates
              FROM exam_session s JOIN exam_room r ON r.id = s.room_id WHERE s.id = $1""")
                .execute(Tuple.of(sessionId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception())
                        : Future.succeededFuture(toJson(rows.iterator().next())));
    }

    private static JsonObject toJson(Row row) {
        Long[] proctors = row.getArrayOfLongs("proctors");
        return new JsonObject()
                .put("id", row.getLong("id"))
                .put("roomId", row.getLong("room_id"))
                .put("roomName", row.getString("room_name"))
                .put("operationItem", row.getString("operation_item"))
                .put("blueprintId", row.getString("blueprint_id"))
                .put("title", row.getString("title"))
                .put("startsAt", row.getOffsetDateTime("starts_at").toInstant().toString())
                .put("durationMinutes", row.getInteger("duration_minutes"))
                .put("state", row.getString("state"))
                .put("showScore", row.getBoolean("show_score"))
                .put("runningSince", Rows.instant(row, "running_since"))
                .put("publishedAt", Rows.instant(row, "published_at"))
                .put("proctorIds", proctors == null ? new JsonArray() : new JsonArray(List.of(proctors)))
                .put("candidates", row.getLong("candidates"));
    }

    public Future<JsonArray> list(Long proctorStaffId) {
        String sql = "SELECT id FROM exam_session s"
                + (proctorStaffId == null
                        ? ""
                        : " WHERE EXISTS (SELECT 1 FROM session_proctor p WHERE p.session_id = s.id AND p.staff_id = $1)")
                + " ORDER BY starts_at DESC, id DESC LIMIT 200";
        Future<RowSet<Row>> ids = proctorStaffId == null
                ? pool.query(sql).execute()
                : pool.preparedQuery(sql).execute(Tuple.of(proctorStaffId));
        return ids.compose(rows -> {
            List<Future<JsonObject>> details = new ArrayList<>();
            rows.forEach(row -> details.add(detail(row.getLong("id"))));
            return Future.all(details).map(all -> new JsonArray(all.list()));
        });
    }

    /** Adds a candidate (registering the person on first sight) before seats are drawn. */
    /** The bank's papers, for rescoring a published result after a key correction. */
    public PaperSource papers() {
        return papers;
    }

    public Pool pool() {
        return pool;
    }

    public Future<JsonObject> addCandidate(
            long sessionId, String fullName, ResidentIdNumber idNumber, String ticketNo, byte[] photo, Actor actor) {
        return persons.findByIdNumber(idNumber)
                .compose(found -> found.isPresent()
                        ? Future.succeededFuture(found.get())
                        : persons.register(fullName, idNumber, actor))
                .compose(person ->
                        pool.withTransaction(tx -> lockSession(tx, sessionId).compose(state -> {
                            if (state != SessionState.SCHEDULED) {
                                return Future.failedFuture(SessionErrors.REGISTRATION_CLOSED.exception());
                            }
                            Future<Void> photoStored =
                                    photo == null ? Future.succeededFuture() : photos.store(tx, person.id(), photo);
                            // The session row is locked, so the running number is unique; the random tail keeps tickets
                            // unguessable.
                            return photoStored
                                    .compose(p -> SittingStore.register(
                                            tx,
                                            sessionId,
                                            person.id(),
                                            ticketNo,
                                            String.format("%03d", RANDOM.nextInt(1000))))
                                    .compose(registered -> {
                                        long id = registered.sittingId();
                                        String ticket = registered.ticketNo();
                                        return Separation.checkSession(tx, sessionId)
                                                .compose(x -> audit.append(
                                                        tx,
                                                        actor.entry(
                                                                "session.candidate_added",
                                                                "sitting:" + id,
                                                                new JsonObject()
                                                                        .put("sessionId", sessionId)
                                                                        .put("personId", person.id())
                                                                        .put("ticketNo", ticket)
                                                                        .put("photo", photo != null))))
                                                .map(seq -> new JsonObject()
                                                        .put("sittingId", id)
                                                        .put("personId", person.id())
                                                        .put("fullName", person.fullName())
                                                        .put(
                                                                "idNumberMasked",
                                                                person.idNumber()
                                                                        .masked())
                                                        .put("ticketNo", ticket)
                                                        .put("photo", photo != null));
                                    });
                        })))
                .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture((pg.getConstraint() != null
                                                && pg.getConstraint().contains("ticket")
                                        ? SessionErrors.TICKET_TAKEN
                                        : SessionErrors.CANDIDATE_EXISTS)
                                .exception())
                        : Future.failedFuture(e));
    }

    /** The ID numbers (of those given) that already have a sitting in the session; also refuses sessions past registration. */
    public Future<Set<String>> alreadyInSession(long sessionId, List<ResidentIdNumber> idNumbers) {
        return pool.withConnection(connection -> lockFree(connection, sessionId))
                .compose(state -> {
                    if (state != SessionState.SCHEDULED) {
                        return Future.failedFuture(SessionErrors.REGISTRATION_CLOSED.exception());
                    }
                    Future<Set<String>> found = Future.succeededFuture(new HashSet<>());
                    for (ResidentIdNumber id : idNumbers) {
                        found = found.compose(set -> persons.findByIdNumber(id)
                                .compose(person -> person.isEmpty()
                                        ? Future.succeededFuture(set)
                                        : pool.preparedQuery(
                                                        "SELECT 1 FROM sitting WHERE session_id = $1 AND person_id = $2")
                                                .execute(Tuple.of(
                                                        sessionId, person.get().id()))
                                                .map(rows -> {
                                                    if (rows.size() > 0) {
                                                        set.add(id.value());
                                                    }
                                                    return set;
                                                })));
                    }
                    return found;
                });
    }

    private static Future<SessionState> lockFree(SqlConnection connection, long sessionId) {
        return connection
                .preparedQuery("SELECT state FROM exam_session WHERE id = $1")
                .execute(Tuple.of(sessionId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception())
                        : Future.succeededFuture(
                                SessionState.valueOf(rows.iterator().next().getString("state"))));
    }

    /**
     * Moves the session on, with each step's own work in the same transaction as the state change.
     * {@code overrideReason} lets the bureau open check-in or start outside the scheduled window; it
     * is recorded with the step.
     */
    public Future<JsonObject> transition(long sessionId, SessionState target, String overrideReason, Actor actor) {
        return pool.<JsonObject>withTransaction(tx -> lockSession(tx, sessionId).compose(current -> {
                    if (!current.canMoveTo(target)) {
                        return Future.failedFuture(SessionErrors.BAD_TRANSITION
                                .withDetail(
                                        "当前状态 " + current + "，目标状态 " + target,
                                        "current state " + current + ", requested " + target)
                                .exception());
                    }
                    return onSchedule(tx, sessionId, target, overrideReason)
                            .compose(override -> stepWork(tx, sessionId, target, actor)
                                    .map(details ->
                                            override == null ? details : details.put("scheduleOverride", override)))
                            .compose(details -> tx.preparedQuery("UPDATE exam_session SET state = $2 WHERE id = $1")
                                    .execute(Tuple.of(sessionId, target.name()))
                                    .compose(x -> audit.append(
                                            tx,
                                            actor.entry(
                                                    "session.state_changed",
                                                    "session:" + sessionId,
                                                    details.copy()
                                                            .put("from", current.name())
                                                            .put("to", target.name())))))
                            .compose(seq -> detail(tx, sessionId));
                }))
                .onFailure(e -> starter.forget(sessionId));
    }

    private Future<JsonObject> stepWork(SqlConnection tx, long sessionId, SessionState target, Actor actor) {
        return switch (target) {
            case CHECK_IN ->
                drawSeats(tx, sessionId)
                        .compose(seats -> starter.issuePapers(tx, sessionId, actor)
                                .map(issued -> seats.put("papersIssued", issued)));
            case RUNNING ->
                tx.preparedQuery("UPDATE exam_session SET running_since = now() WHERE id = $1")
                        .execute(Tuple.of(sessionId))
                        .compose(x -> starter.startCheckedIn(tx, sessionId))
                        .map(started -> new JsonObject().put("started", started));
            case CLOSED ->
                requireNoOpenSittings(tx, sessionId)
                        .compose(details -> tx.preparedQuery("UPDATE exam_session SET closed_at = now() WHERE id = $1")
                                .execute(Tuple.of(sessionId))
                                .map(details));
            // Two proctors must have signed the same record: two signatures over different versions agree on nothing.
            case SCORED ->
                tx.preparedQuery("""
              SELECT record_hash FROM room_record_signoff WHERE session_id = $1
               GROUP BY record_hash HAVING count(DISTINCT staff_id) >= 2""")
                        .execute(Tuple.of(sessionId))
                        .compose(rows -> rows.size() > 0
                                ? Future.succeededFuture(new JsonObject()
                                        .put(
                                                "recordHash",
                                                rows.iterator().next().getString("record_hash")))
                                : Future.failedFuture(SessionErrors.RECORD_NOT_SIGNED.exception()));
            case SCHEDULED -> Future.failedFuture(SessionErrors.BAD_TRANSITION.exception());
        };
    }

    /**
     * Check-in and the start keep to the schedule unless overridden, and a room holds one session
     * at the door or running at a time whatever the override: its seats and terminals are shared.
     * Succeeds with the override's record, or null when none was needed.
     */
    private Future<JsonObject> onSchedule(
            SqlConnection tx, long sessionId, SessionState target, String overrideReason) {
        if (target != SessionState.CHECK_IN && target != SessionState.RUNNING) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery("""
            SELECT s.starts_at, s.duration_minutes, now() AS now, o.id AS other_id, o.title AS other_title
              FROM exam_session s
              LEFT JOIN LATERAL (SELECT id, title FROM exam_session WHERE room_id = s.room_id AND id <> s.id
                                    AND state IN ('CHECK_IN', 'RUNNING') ORDER BY id LIMIT 1) o ON true
             WHERE s.id = $1""").execute(Tuple.of(sessionId)).compose(rows -> {
            Row row = rows.iterator().next();
            if (target == SessionState.CHECK_IN && row.getLong("other_id") != null) {
                return Future.failedFuture(SessionErrors.ROOM_IN_USE
                        .withDetail(
                                "场次 #" + row.getLong("other_id") + "「" + row.getString("other_title") + "」",
                                "session #" + row.getLong("other_id") + " \"" + row.getString("other_title") + "\"")
                        .exception());
            }
            ScheduleWindow window = new ScheduleWindow(
                    row.getOffsetDateTime("starts_at").toInstant(),
                    Duration.ofMinutes(row.getInteger("duration_minutes")));
            return window.refusal(target, row.getOffsetDateTime("now").toInstant(), siteZone)
                    .map(refusal -> overrideReason == null
                            ? Future.<JsonObject>failedFuture(SessionErrors.OUTSIDE_SCHEDULE
                                    .withDetail(refusal.zh(), refusal.en())
                                    .exception())
                            : Future.succeededFuture(new JsonObject()
                                    .put("reason", overrideReason)
                                    .put("minutesFromSchedule", refusal.minutesFromSchedule())))
                    .orElse(Future.succeededFuture());
        });
    }

    static Future<SessionState> lockSession(SqlConnection tx, long sessionId) {
        return tx.preparedQuery("SELECT state FROM exam_session WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(sessionId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception())
                        : Future.succeededFuture(
                                SessionState.valueOf(rows.iterator().next().getString("state"))));
    }

    private Future<JsonObject> drawSeats(SqlConnection tx, long sessionId) {
        long seed = RANDOM.nextLong();
        return tx.preparedQuery("""
            SELECT t.seat_no FROM terminal t JOIN exam_session s ON s.room_id = t.room_id
             WHERE s.id = $1 AND t.enrolled_at IS NOT NULL AND NOT t.disabled ORDER BY t.seat_no""")
                .execute(Tuple.of(sessionId))
                .compose(seatRows -> tx.preparedQuery("SELECT id FROM sitting WHERE session_id = $1 ORDER BY id")
                        .execute(Tuple.of(sessionId))
                        .compose(sittingRows -> {
                            List<Integer> seats = new ArrayList<>();
                            seatRows.forEach(r -> seats.add(r.getInteger("seat_no")));
                            List<Long> sittings = new ArrayList<>();
                            sittingRows.forEach(r -> sittings.add(r.getLong("id")));
                            if (sittings.size() > seats.size()) {
                                return Future.failedFuture(SessionErrors.TOO_MANY_CANDIDATES.exception());
                            }
                            Map<Long, Integer> draw = SeatDraw.draw(sittings, seats, seed);
                            JsonObject assignment = new JsonObject();
                            draw.forEach((sitting, seat) -> assignment.put(sitting.toString(), seat));
                            return SittingStore.seat(tx, draw)
                                    .compose(x -> tx.preparedQuery(
                                                    "UPDATE exam_session SET seat_draw_seed = $2 WHERE id = $1")
                                            .execute(Tuple.of(sessionId, seed)))
                                    .map(x -> new JsonObject()
                                            .put("seatDrawSeed", seed)
                                            .put("seats", assignment));
                        }));
    }

    private static Future<JsonObject> requireNoOpenSittings(SqlConnection tx, long sessionId) {
        return tx.preparedQuery(
                        "SELECT count(*) AS n FROM sitting WHERE session_id = $1 AND status IN ('ANSWERING', 'PAUSED')")
                .execute(Tuple.of(sessionId))
                .compose(rows -> rows.iterator().next().getLong("n") > 0
                        ? Future.failedFuture(SessionErrors.SITTINGS_OPEN.exception())
                        : Future.succeededFuture(new JsonObject()));
    }
}
