package org.examhall.server.sitting;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every write to a sitting row. A status change is allowed only from the statuses {@link SittingEvent}
 * allows, in the statement itself: the services check the rule first under the row's lock, to refuse
 * with their own error, and a statement that finds the sitting elsewhere fails instead of writing.
 * Each method runs in the caller's transaction (or on the client it is given).
 */
public final class SittingStore {

    private SittingStore() {}

    /** A sitting that has just started, for its audit entry. */
    public record Started(long sittingId, long paperSeed, int items) {
        private static Started of(Row row) {
            return new Started(row.getLong("id"), row.getLong("paper_seed"), row.getInteger("item_count"));
        }
    }

    /** A candidate's new sitting and their admission ticket number. */
    public record Registered(long sittingId, String ticketNo) {}

    /** Where a check-in bound the candidate: no terminal when none is enrolled and enabled at their seat. */
    public record Bound(Integer seatNo, Long terminalId, String sessionState) {}

    /**
     * A candidate's sitting of a session, with the given ticket number or, without one, the session's
     * number, the candidate's running number and {@code tail}. The caller holds the session row's lock,
     * so the running number is unique.
     */
    public static Future<Registered> register(
            SqlConnection tx, long sessionId, long personId, String ticketNo, String tail) {
        return tx.preparedQuery("""
            INSERT INTO sitting (session_id, person_id, ticket_no)
            VALUES ($1::bigint, $2, coalesce($3::text, lpad($1::bigint::text, 6, '0')
                    || lpad(((SELECT count(*) FROM sitting WHERE session_id = $1::bigint) + 1)::text, 4, '0') || $4::text))
            RETURNING id, ticket_no""")
                .execute(Tuple.of(sessionId, personId, ticketNo, tail))
                .map(rows -> new Registered(
                        rows.iterator().next().getLong("id"),
                        rows.iterator().next().getString("ticket_no")));
    }

    /**
     * Counts the face attempt as failed before the comparison runs, in one statement: comparisons sent
     * in parallel cannot all pass the limit before any of them is counted. Empty when the limit is reached.
     */
    public static Future<Integer> reserveFaceAttempt(SqlClient client, long sittingId, int limit) {
        return client.preparedQuery("""
            UPDATE sitting SET face_failures = face_failures + 1
             WHERE id = $1 AND %s AND face_failures < $2 RETURNING face_failures""".formatted(from(SittingEvent.FACE_ATTEMPT)))
                .execute(Tuple.of(sittingId, limit))
                .map(rows -> rows.size() == 1 ? rows.iterator().next().getInteger("face_failures") : null);
    }

    /** Takes back a reserved attempt: the comparison matched, or could not run. */
    public static Future<Void> refundFaceAttempt(SqlClient client, long sittingId) {
        return client.preparedQuery(
                        "UPDATE sitting SET face_failures = face_failures - 1 WHERE id = $1 AND face_failures > 0")
                .execute(Tuple.of(sittingId))
                .mapEmpty();
    }

    /** The door photo of a candidate with no enrolled one, already encrypted; a retake replaces it. */
    public static Future<Void> holdDoorPhoto(SqlClient client, long sittingId, Buffer encrypted) {
        return client.preparedQuery("UPDATE sitting SET door_photo_enc = $2 WHERE id = $1")
                .execute(Tuple.of(sittingId, encrypted))
                .mapEmpty();
    }

    /**
     * Door photos re-encrypted under the current data key ({@code ids}, {@code digests} of the values read
     * and {@code fresh} values, index by index); a photo retaken since it was read is left as it is.
     * Answers how many were replaced.
     */
    public static Future<Integer> reencryptDoorPhotos(SqlClient client, Long[] ids, Buffer[] digests, Buffer[] fresh) {
        return client.preparedQuery("""
            UPDATE sitting t SET door_photo_enc = v.fresh
              FROM unnest($1::bigint[], $2::bytea[], $3::bytea[]) AS v (id, digest, fresh)
             WHERE t.id = v.id AND sha256(t.door_photo_enc) = v.digest""")
                .execute(Tuple.tuple().addValue(ids).addValue(digests).addValue(fresh))
                .map(RowSet::rowCount);
    }

    public static Future<Void> confirmDoubtful(SqlConnection tx, long sittingId, long proctorId) {
        return tx.preparedQuery(
                        "UPDATE sitting SET doubtful_confirmed_by = array_append(doubtful_confirmed_by, $2) WHERE id = $1")
                .execute(Tuple.of(sittingId, proctorId))
                .mapEmpty();
    }

    public static Future<Void> markPhotoEnrolledAtDoor(SqlConnection tx, long sittingId) {
        return tx.preparedQuery("UPDATE sitting SET photo_enrolled_at_door = true WHERE id = $1")
                .execute(Tuple.of(sittingId))
                .mapEmpty();
    }

    /** candidate → seat → the terminal at that seat. */
    public static Future<Bound> checkIn(SqlConnection tx, long sittingId, boolean doubtful) {
        return tx.preparedQuery("""
            UPDATE sitting t SET status = '%s', checked_in_at = now(), doubtful = $2,
                   terminal_id = (SELECT m.id FROM terminal m JOIN exam_session s ON s.room_id = m.room_id
                                   WHERE s.id = t.session_id AND m.seat_no = t.seat_no
                                     AND m.enrolled_at IS NOT NULL AND NOT m.disabled)
             WHERE t.id = $1 AND t.%s
            RETURNING t.seat_no, t.terminal_id, (SELECT state FROM exam_session s WHERE s.id = t.session_id) AS state""".formatted(to(SittingEvent.CHECK_IN), from(SittingEvent.CHECK_IN)))
                .execute(Tuple.of(sittingId, doubtful))
                .compose(rows -> one(rows, sittingId, SittingEvent.CHECK_IN))
                .map(row -> new Bound(row.getInteger("seat_no"), row.getLong("terminal_id"), row.getString("state")));
    }

    /** Seats from the session's seat draw. */
    public static Future<Void> seat(SqlConnection tx, Map<Long, Integer> seatOfSitting) {
        return seatOfSitting.isEmpty()
                ? Future.succeededFuture()
                : tx.preparedQuery("UPDATE sitting SET seat_no = $2 WHERE id = $1")
                        .executeBatch(seatOfSitting.entrySet().stream()
                                .map(e -> Tuple.of(e.getKey(), e.getValue()))
                                .toList())
                        .mapEmpty();
    }

    /** The sitting's drawn paper, unless it has one already. */
    public static Future<Void> issuePaper(
            SqlConnection tx, long sittingId, String serverJson, String candidateJson, long seed, int items) {
        return tx.preparedQuery("""
            UPDATE sitting SET paper = $2, candidate_paper = $3, paper_seed = $4, item_count = $5
             WHERE id = $1 AND paper IS NULL""")
                .execute(Tuple.tuple()
                        .addLong(sittingId)
                        .addString(serverJson)
                        .addString(candidateJson)
                        .addLong(seed)
                        .addInteger(items))
                .mapEmpty();
    }

    /**
     * Every candidate's deadline is the session's start plus its duration plus their own extra time,
     * so a candidate admitted late does not get more time than the others.
     */
    private static final String START = """
      UPDATE sitting t SET status = '%s', started_at = now(),
             deadline = s.running_since + make_interval(mins => s.duration_minutes, secs => t.extra_seconds)
        FROM exam_session s
       WHERE s.id = t.session_id AND t.%s AND %%s
      RETURNING t.id, t.paper_seed, t.item_count""".formatted(to(SittingEvent.START), from(SittingEvent.START));

    /** Starts every checked-in sitting of the session that is bound to a terminal, in one statement. */
    public static Future<List<Started>> startCheckedIn(SqlConnection tx, long sessionId) {
        return tx.preparedQuery(START.formatted("t.session_id = $1 AND t.terminal_id IS NOT NULL"))
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    List<Started> started = new ArrayList<>();
                    rows.forEach(row -> started.add(Started.of(row)));
                    return started;
                });
    }

    /** Starts one checked-in sitting (a latecomer admitted while the session runs). */
    public static Future<Started> start(SqlConnection tx, long sittingId) {
        return tx.preparedQuery(START.formatted("t.id = $1"))
                .execute(Tuple.of(sittingId))
                .compose(rows -> one(rows, sittingId, SittingEvent.START))
                .map(Started::of);
    }

    public static Future<Void> pause(SqlConnection tx, long sittingId) {
        return tx.preparedQuery("UPDATE sitting SET status = '%s', paused_at = now() WHERE id = $1 AND %s RETURNING id"
                        .formatted(to(SittingEvent.PAUSE), from(SittingEvent.PAUSE)))
                .execute(Tuple.of(sittingId))
                .compose(rows -> one(rows, sittingId, SittingEvent.PAUSE))
                .mapEmpty();
    }

    /** The deadline moves by the length of the pause: a paused candidate loses no time. @return the new deadline */
    public static Future<Instant> resume(SqlConnection tx, long sittingId) {
        return tx.preparedQuery("""
            UPDATE sitting SET status = '%s', deadline = deadline + (now() - paused_at), paused_at = NULL
             WHERE id = $1 AND %s RETURNING deadline""".formatted(to(SittingEvent.RESUME), from(SittingEvent.RESUME)))
                .execute(Tuple.of(sittingId))
                .compose(rows -> one(rows, sittingId, SittingEvent.RESUME))
                .map(row -> row.getOffsetDateTime("deadline").toInstant());
    }

    /** Extra time counts towards the deadline to be set at the start, and moves one already set. @return the total extra seconds */
    public static Future<Integer> extraTime(SqlConnection tx, long sittingId, int minutes) {
        return tx.preparedQuery("""
            UPDATE sitting SET extra_seconds = extra_seconds + $2 * 60,
                   deadline = CASE WHEN deadline IS NULL THEN NULL ELSE deadline + make_interval(mins => $2) END
             WHERE id = $1 AND %s RETURNING extra_seconds""".formatted(from(SittingEvent.EXTRA_TIME)))
                .execute(Tuple.of(sittingId, minutes))
                .compose(rows -> one(rows, sittingId, SittingEvent.EXTRA_TIME))
                .map(row -> row.getInteger("extra_seconds"));
    }

    /** To the terminal at another seat; the answers belong to the sitting and move along. */
    public static Future<Void> move(SqlConnection tx, long sittingId, int seatNo, long terminalId) {
        return tx.preparedQuery("UPDATE sitting SET seat_no = $2, terminal_id = $3 WHERE id = $1 AND %s RETURNING id"
                        .formatted(from(SittingEvent.MOVE)))
                .execute(Tuple.of(sittingId, seatNo, terminalId))
                .compose(rows -> one(rows, sittingId, SittingEvent.MOVE))
                .mapEmpty();
    }

    /** Handed in with its score; the sitting row must already be locked (see {@code Submission}). */
    public static Future<Void> handIn(
            SqlConnection tx, long sittingId, String reason, BigDecimal score, boolean passed, String reportJson) {
        return tx.preparedQuery("""
            UPDATE sitting SET status = '%s', submitted_at = now(), submit_reason = $2, paused_at = NULL,
                   score = $3, passed = $4, score_report = $5 WHERE id = $1 AND %s RETURNING id""".formatted(to(SittingEvent.HAND_IN), from(SittingEvent.HAND_IN)))
                .execute(Tuple.of(sittingId, reason, score, passed, reportJson))
                .compose(rows -> one(rows, sittingId, SittingEvent.HAND_IN))
                .mapEmpty();
    }

    /** Voided by two proctors: no score, whenever it was handed in. */
    public static Future<Void> voidSitting(SqlConnection tx, long sittingId) {
        return tx.preparedQuery("""
            UPDATE sitting SET status = '%1$s', submitted_at = coalesce(submitted_at, now()), submit_reason = '%1$s',
                   paused_at = NULL, score = 0, passed = FALSE WHERE id = $1 AND %2$s RETURNING id""".formatted(to(SittingEvent.VOID), from(SittingEvent.VOID)))
                .execute(Tuple.of(sittingId))
                .compose(rows -> one(rows, sittingId, SittingEvent.VOID))
                .mapEmpty();
    }

    /** A correction of a published result: rescored with a corrected paper, or voided. */
    public static Future<Void> correctResult(
            SqlConnection tx,
            long sittingId,
            boolean voided,
            BigDecimal score,
            boolean passed,
            String paper,
            String reportJson) {
        SittingEvent event = voided ? SittingEvent.VOID_RESULT : SittingEvent.RESCORE;
        return tx.preparedQuery("""
            UPDATE sitting SET status = CASE WHEN $2 THEN '%1$s' ELSE status END,
                   submit_reason = CASE WHEN $2 THEN '%1$s' ELSE submit_reason END,
                   score = $3, passed = $4, paper = $5, score_report = coalesce($6, score_report) WHERE id = $1 AND %2$s
            RETURNING id""".formatted(to(SittingEvent.VOID_RESULT), from(event)))
                .execute(Tuple.of(sittingId, voided, score, passed, paper, reportJson))
                .compose(rows -> one(rows, sittingId, event))
                .mapEmpty();
    }

    /** The status the event leads to, as stored. */
    private static String to(SittingEvent event) {
        return event.changesTo().orElseThrow().name();
    }

    /** The condition that the sitting is in a status the event is allowed from. */
    private static String from(SittingEvent event) {
        return event.from().stream()
                .map(s -> "'" + s.name() + "'")
                .sorted()
                .collect(Collectors.joining(", ", "status IN (", ")"));
    }

    private static Future<Row> one(RowSet<Row> rows, long sittingId, SittingEvent event) {
        return rows.size() == 1
                ? Future.succeededFuture(rows.iterator().next())
                : Future.failedFuture(
                        new IllegalStateException("sitting " + sittingId + " is not in a status that allows " + event));
    }
}
