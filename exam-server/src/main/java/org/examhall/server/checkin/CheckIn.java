package org.examhall.server.checkin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.live.RoomEvents;
import org.examhall.server.pii.PersonPhotos;
import org.examhall.server.pii.PersonRegistry;
import org.examhall.server.pii.ResidentIdNumber;
import org.examhall.server.sessions.ProctorAssignments;
import org.examhall.server.sessions.SittingStarter;
import org.examhall.server.sitting.SittingEvent;
import org.examhall.server.sitting.SittingStatus;
import org.examhall.server.sitting.SittingStore;

/**
 * Identity check at the door: the ID number finds the candidate, the face comparison confirms the
 * person, and a successful check binds candidate → seat → the terminal at that seat. After three
 * failed comparisons, only two different proctors together can admit the candidate, as doubtful.
 */
public final class CheckIn {

    public static final int MAX_FACE_ATTEMPTS = 3;

    private final Vertx vertx;
    private final Pool pool;
    private final AuditLog audit;
    private final PersonRegistry persons;
    private final PersonPhotos photos;
    private final FaceVerifier faces;
    private final SittingStarter starter;
    private final RoomEvents events;

    public CheckIn(
            Vertx vertx,
            Pool pool,
            AuditLog audit,
            PersonRegistry persons,
            PersonPhotos photos,
            FaceVerifier faces,
            SittingStarter starter,
            RoomEvents events) {
        this.vertx = vertx;
        this.pool = pool;
        this.audit = audit;
        this.persons = persons;
        this.photos = photos;
        this.faces = faces;
        this.starter = starter;
        this.events = events;
    }

    /** Finds the candidate by ID number for the proctor at the door; shows the enrolled photo to compare by eye. */
    public Future<JsonObject> identify(long sessionId, ResidentIdNumber idNumber, long proctorId, Actor actor) {
        return ProctorAssignments.require(pool, sessionId, proctorId)
                .compose(x -> requireOpen(sessionId))
                .compose(x -> persons.findByIdNumber(idNumber))
                .compose(person -> person.isEmpty()
                        ? Future.failedFuture(CheckInErrors.NOT_A_CANDIDATE.exception())
                        : pool.preparedQuery("""
                    SELECT t.id, t.ticket_no, t.seat_no, t.status, t.face_failures, t.doubtful, s.state,
                           t.door_photo_enc IS NOT NULL AS door_photo
                      FROM sitting t JOIN exam_session s ON s.id = t.session_id
                     WHERE t.session_id = $1 AND t.person_id = $2""")
                                .execute(Tuple.of(sessionId, person.get().id()))
                                .compose(rows -> {
                                    if (rows.size() == 0) {
                                        return Future.failedFuture(CheckInErrors.NOT_A_CANDIDATE.exception());
                                    }
                                    Row row = rows.iterator().next();
                                    return photos.load(pool, person.get().id())
                                            .compose(photo -> audit.append(actor.entry(
                                                            "checkin.identified",
                                                            "sitting:" + row.getLong("id"),
                                                            new JsonObject().put("idNumberMasked", idNumber.masked())))
                                                    .map(seq -> new JsonObject()
                                                            .put("sittingId", row.getLong("id"))
                                                            .put(
                                                                    "fullName",
                                                                    person.get().fullName())
                                                            .put("idNumberMasked", idNumber.masked())
                                                            .put("seatNo", row.getInteger("seat_no"))
                                                            .put("status", row.getString("status"))
                                                            .put("faceFailures", row.getInteger("face_failures"))
                                                            .put("doubtful", row.getBoolean("doubtful"))
                                                            .put("sessionState", row.getString("state"))
                                                            .put("doorPhotoTaken", row.getBoolean("door_photo"))
                                                            .put(
                                                                    "enrolledPhoto",
                                                                    photo.map(p -> Base64.getEncoder()
                                                                                    .encodeToString(p))
                                                                            .orElse(null))));
                                }));
    }

    /**
     * One face comparison; a match checks the candidate in, a miss counts towards the limit of three.
     * A candidate with no enrolled photo cannot be compared: the capture is kept as the door photo and
     * the doubtful path opens at once.
     */
    public Future<JsonObject> compareFace(long sittingId, List<byte[]> liveFrames, long proctorId, Actor actor) {
        return ProctorAssignments.requireForSitting(pool, sittingId, proctorId)
                .compose(sessionId -> requireOpen(sessionId).map(sessionId))
                .compose(sessionId -> pool.preparedQuery(
                                "SELECT person_id, status, face_failures FROM sitting WHERE id = $1")
                        .execute(Tuple.of(sittingId))
                        .compose(rows -> {
                            Row row = rows.iterator().next();
                            if (!SittingEvent.FACE_ATTEMPT.allowedFrom(
                                    SittingStatus.valueOf(row.getString("status")))) {
                                return Future.failedFuture(CheckInErrors.ALREADY_CHECKED_IN.exception());
                            }
                            if (row.getInteger("face_failures") >= MAX_FACE_ATTEMPTS) {
                                return Future.failedFuture(CheckInErrors.FACE_ATTEMPTS_EXHAUSTED.exception());
                            }
                            return photos.load(pool, row.getLong("person_id"));
                        })
                        .compose(enrolled -> enrolled.isEmpty()
                                ? holdDoorPhoto(sittingId, liveFrames.get(0), actor)
                                : reserveAttempt(sittingId)
                                        .compose(attempt -> vertx.executeBlocking(
                                                        () -> faces.compare(enrolled.get(), liveFrames), false)
                                                .recover(e ->
                                                        refundAttempt(sittingId).compose(x -> Future.failedFuture(e)))
                                                .compose(comparison ->
                                                        recordComparison(sittingId, attempt, comparison, actor))))
                        .onSuccess(result -> events.sittingChanged(sessionId, sittingId)));
    }

    /** The attempt counts as failed before the comparison runs; a match takes it back. */
    private Future<Integer> reserveAttempt(long sittingId) {
        return SittingStore.reserveFaceAttempt(pool, sittingId, MAX_FACE_ATTEMPTS)
                .compose(failures -> failures != null
                        ? Future.succeededFuture(failures)
                        : Future.failedFuture(CheckInErrors.FACE_ATTEMPTS_EXHAUSTED.exception()));
    }

    private Future<Void> refundAttempt(long sittingId) {
        return SittingStore.refundFaceAttempt(pool, sittingId);
    }

    private Future<JsonObject> recordComparison(
            long sittingId, int failures, FaceVerifier.Comparison comparison, Actor actor) {
        return pool.withTransaction(tx -> lockRegistered(tx, sittingId).compose(locked -> {
            JsonObject details = FaceDetails.of(comparison);
            if (comparison.match()) {
                return SittingStore.refundFaceAttempt(tx, sittingId)
                        .compose(x ->
                                audit.append(tx, actor.entry("checkin.face_matched", "sitting:" + sittingId, details)))
                        .compose(seq -> bind(tx, sittingId, false, actor))
                        .map(bound -> bound.put("face", details));
            }
            return audit.append(
                            tx,
                            actor.entry(
                                    "checkin.face_mismatch",
                                    "sitting:" + sittingId,
                                    details.copy().put("failures", failures)))
                    .map(seq -> new JsonObject()
                            .put("checkedIn", false)
                            .put("face", details)
                            .put("faceFailures", failures)
                            .put("doubtfulAdmissionAvailable", failures >= MAX_FACE_ATTEMPTS));
        }));
    }

    /** The capture of a candidate with no enrolled photo, kept (a retake replaces it) for the two proctors who admit them. */
    private Future<JsonObject> holdDoorPhoto(long sittingId, byte[] livePhoto, Actor actor) {
        return pool.withTransaction(tx -> lockRegistered(tx, sittingId)
                .compose(locked -> SittingStore.holdDoorPhoto(tx, sittingId, photos.encryptDoorPhoto(livePhoto)))
                .compose(x -> audit.append(
                        tx,
                        actor.entry(
                                "checkin.door_photo_taken",
                                "sitting:" + sittingId,
                                new JsonObject().put("reason", "NO_ENROLLED_PHOTO"))))
                .map(seq -> new JsonObject()
                        .put("checkedIn", false)
                        .put("noEnrolledPhoto", true)
                        .put("doorPhotoTaken", true)
                        .put("doubtfulAdmissionAvailable", true)));
    }

    /**
     * One proctor's confirmation of a doubtful admission, after three failed comparisons or, for a
     * candidate with no enrolled photo, once the door photo is taken. The first confirmation is
     * recorded; the second, by a different proctor, admits the candidate with the doubtful flag that
     * stays on the record and the result, and makes the door photo the enrolled one.
     */
    public Future<JsonObject> confirmDoubtful(long sittingId, long proctorId, Actor actor) {
        return ProctorAssignments.requireForSitting(pool, sittingId, proctorId)
                .compose(sessionId -> requireOpen(sessionId).map(sessionId))
                .compose(sessionId -> pool.withTransaction(tx -> lockRegistered(tx, sittingId)
                                .compose(row -> {
                                    boolean doorPhoto = row.getBoolean("door_photo");
                                    if (row.getInteger("face_failures") < MAX_FACE_ATTEMPTS && !doorPhoto) {
                                        return Future.failedFuture(CheckInErrors.DOUBTFUL_NOT_ALLOWED.exception());
                                    }
                                    Long[] confirmed = row.getArrayOfLongs("doubtful_confirmed_by");
                                    if (Arrays.asList(confirmed).contains(proctorId)) {
                                        return Future.failedFuture(CheckInErrors.SAME_PROCTOR.exception());
                                    }
                                    return SittingStore.confirmDoubtful(tx, sittingId, proctorId)
                                            .compose(x -> audit.append(
                                                    tx,
                                                    actor.entry(
                                                            "checkin.doubtful_confirmed",
                                                            "sitting:" + sittingId,
                                                            new JsonObject()
                                                                    .put("confirmations", confirmed.length + 1))))
                                            .compose(x -> confirmed.length + 1 >= 2
                                                    ? (doorPhoto
                                                                    ? enrolDoorPhoto(
                                                                            tx,
                                                                            sittingId,
                                                                            confirmed[0],
                                                                            proctorId,
                                                                            actor)
                                                                    : Future.<Void>succeededFuture())
                                                            .compose(v -> bind(tx, sittingId, true, actor))
                                                    : Future.succeededFuture(new JsonObject()
                                                            .put("checkedIn", false)
                                                            .put("confirmations", 1)
                                                            .put("waitingFor", "a second proctor")));
                                }))
                        .onSuccess(result -> events.sittingChanged(sessionId, sittingId)));
    }

    private Future<Void> enrolDoorPhoto(
            SqlConnection tx, long sittingId, long firstProctor, long secondProctor, Actor actor) {
        return photos.enrolDoorPhoto(tx, sittingId)
                .compose(enrolled -> !enrolled
                        ? Future.<Void>succeededFuture()
                        : SittingStore.markPhotoEnrolledAtDoor(tx, sittingId)
                                .compose(x -> audit.append(
                                        tx,
                                        actor.entry(
                                                "checkin.photo_enrolled_at_door",
                                                "sitting:" + sittingId,
                                                new JsonObject()
                                                        .put(
                                                                "confirmedBy",
                                                                new JsonArray()
                                                                        .add(firstProctor)
                                                                        .add(secondProctor)))))
                                .mapEmpty());
    }

    /** The door is open during check-in and, for latecomers, while the exam runs; never before or after. */
    private Future<Void> requireOpen(long sessionId) {
        return pool.preparedQuery("SELECT state FROM exam_session WHERE id = $1")
                .execute(Tuple.of(sessionId))
                .compose(rows -> {
                    String state = rows.iterator().next().getString("state");
                    return "CHECK_IN".equals(state) || "RUNNING".equals(state)
                            ? Future.succeededFuture()
                            : Future.failedFuture(CheckInErrors.CHECK_IN_CLOSED.exception());
                });
    }

    private static Future<Row> lockRegistered(SqlConnection tx, long sittingId) {
        return tx.preparedQuery("""
            SELECT status, face_failures, doubtful_confirmed_by, door_photo_enc IS NOT NULL AS door_photo
              FROM sitting WHERE id = $1 FOR UPDATE""").execute(Tuple.of(sittingId)).compose(rows -> {
            Row row = rows.iterator().next();
            return SittingEvent.CHECK_IN.allowedFrom(SittingStatus.valueOf(row.getString("status")))
                    ? Future.succeededFuture(row)
                    : Future.failedFuture(CheckInErrors.ALREADY_CHECKED_IN.exception());
        });
    }

    /** candidate → seat → terminal; a candidate admitted while the session runs starts at once. */
    private Future<JsonObject> bind(SqlConnection tx, long sittingId, boolean doubtful, Actor actor) {
        return SittingStore.checkIn(tx, sittingId, doubtful).compose(seat -> {
            if (seat.terminalId() == null) {
                return Future.failedFuture(CheckInErrors.NO_TERMINAL_AT_SEAT.exception());
            }
            JsonObject bound = new JsonObject()
                    .put("checkedIn", true)
                    .put("doubtful", doubtful)
                    .put("seatNo", seat.seatNo())
                    .put("terminalId", seat.terminalId());
            Future<Void> started = "RUNNING".equals(seat.sessionState())
                    ? starter.start(tx, sittingId, actor)
                    : Future.succeededFuture();
            return started.compose(
                            x -> audit.append(tx, actor.entry("checkin.bound", "sitting:" + sittingId, bound.copy())))
                    .map(seq -> bound);
        });
    }
}
