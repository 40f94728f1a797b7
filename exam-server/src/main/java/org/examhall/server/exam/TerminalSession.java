package org.examhall.server.exam;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.examhall.server.answers.AnswerStep;
import org.examhall.server.answers.AutosaveLog;
import org.examhall.server.answers.AutosaveOutcome;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.RawJson;
import org.examhall.server.live.KioskSignals;
import org.examhall.server.live.ProgressFeed;
import org.examhall.server.live.RoomEvents;
import org.examhall.server.pii.PersonPhotos;
import org.examhall.server.rooms.TerminalAuth;
import org.examhall.server.sitting.AnswerSheet;
import org.examhall.server.sitting.SittingClock;
import org.examhall.server.sitting.SittingEvent;
import org.examhall.server.sitting.SittingStatus;

/**
 * A candidate's session at a terminal, after the routes have checked who asks: the candidate bound
 * to the terminal, the confirmation with the admission ticket, the paper with the answers so far,
 * autosaves, kiosk signals and the hand-in. The sitting is the attempt and its answer log the
 * append-only steps; this class reads them, and the hand-in writes through {@link Submission}.
 */
public final class TerminalSession {

    private static final Set<String> OPEN_SESSION = Set.of("CHECK_IN", "RUNNING");

    private static final String BOUND = """
      SELECT t.id, t.session_id, t.person_id, t.ticket_no, t.status, t.item_count, t.doubtful, p.full_name,
             s.title, s.state, s.show_score
        FROM sitting t JOIN person p ON p.id = t.person_id JOIN exam_session s ON s.id = t.session_id
       WHERE t.terminal_id = $1 AND t.status IN ('CHECKED_IN', 'ANSWERING', 'PAUSED', 'SUBMITTED')
         AND s.state IN ('CHECK_IN', 'RUNNING')
       ORDER BY t.checked_in_at DESC LIMIT 1""";

    private final Pool pool;
    private final CandidateTokens tokens;
    private final AutosaveLog autosaves;
    private final Submission submission;
    private final PersonPhotos photos;
    private final RoomEvents events;
    private final KioskSignals signals;
    private final ProgressFeed progress;
    private final AuditLog audit;
    private final TerminalLimits limits = new TerminalLimits(Clock.systemUTC());

    public TerminalSession(
            Pool pool,
            CandidateTokens tokens,
            AutosaveLog autosaves,
            Submission submission,
            PersonPhotos photos,
            RoomEvents events,
            KioskSignals signals,
            ProgressFeed progress,
            AuditLog audit) {
        this.pool = pool;
        this.tokens = tokens;
        this.autosaves = autosaves;
        this.submission = submission;
        this.photos = photos;
        this.events = events;
        this.signals = signals;
        this.progress = progress;
        this.audit = audit;
    }

    /** The person bound to the terminal now (the state poll's candidate), if any. */
    Future<Optional<Long>> boundPerson(TerminalAuth.Terminal terminal) {
        return pool.preparedQuery(BOUND)
                .execute(Tuple.of(terminal.id()))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getLong("person_id")));
    }

    /** The terminal's seat and the candidate bound to it, if any. */
    Future<JsonObject> state(TerminalAuth.Terminal terminal) {
        return pool.preparedQuery(BOUND).execute(Tuple.of(terminal.id())).compose(rows -> {
            JsonObject out = new JsonObject()
                    .put(
                            "terminal",
                            new JsonObject()
                                    .put("id", terminal.id())
                                    .put("roomId", terminal.roomId())
                                    .put("seatNo", terminal.seatNo()))
                    .put("serverTime", Instant.now().toString());
            if (rows.size() == 0) {
                return Future.succeededFuture(out.putNull("candidate"));
            }
            Row row = rows.iterator().next();
            return photos.tag(pool, row.getLong("person_id"))
                    .map(tag -> out.put(
                            "candidate",
                            new JsonObject()
                                    .put("sittingId", row.getLong("id"))
                                    .put("fullName", row.getString("full_name"))
                                    .put(
                                            "photoUrl",
                                            tag.map(CandidatePhotoRoute::url).orElse(null))
                                    .put("status", row.getString("status"))
                                    .put("examTitle", row.getString("title"))
                                    .put("sessionState", row.getString("state"))));
        });
    }

    /** The candidate confirms with their admission ticket and gets the token that carries their sitting. */
    Future<JsonObject> confirm(TerminalAuth.Terminal terminal, String ticket, String requestId) {
        return limits.ticketAttempt(terminal.id())
                .compose(x -> pool.preparedQuery(BOUND).execute(Tuple.of(terminal.id())))
                .compose(rows -> {
                    Actor actor = new Actor("terminal:" + terminal.id(), "TERMINAL", requestId);
                    if (rows.size() == 0) {
                        limits.wrongTicket(terminal.id());
                        return reportSecondLogin(terminal.roomId(), ticket, terminal.id())
                                .compose(x -> Future.failedFuture(ExamErrors.NO_CANDIDATE_HERE.exception()));
                    }
                    Row row = rows.iterator().next();
                    long sittingId = row.getLong("id");
                    if (!MessageDigest.isEqual(
                            ticket.getBytes(StandardCharsets.UTF_8),
                            row.getString("ticket_no").getBytes(StandardCharsets.UTF_8))) {
                        // The mistake is this terminal's: whoever owns the typed ticket may be at their own seat.
                        limits.wrongTicket(terminal.id());
                        return audit.append(actor.entry(
                                        "terminal.ticket_mismatch", "sitting:" + sittingId, new JsonObject()))
                                .compose(x -> signals.record(
                                        row.getLong("session_id"),
                                        sittingId,
                                        terminal.id(),
                                        KioskSignals.TICKET_MISMATCH))
                                .compose(x -> Future.failedFuture(ExamErrors.TICKET_MISMATCH.exception()));
                    }
                    Integer items = row.getInteger("item_count");
                    String token = tokens.issue(
                            new CandidateTokens.Claims(sittingId, terminal.id(), items == null ? 0 : items));
                    return audit.append(actor.entry(
                                    "terminal.candidate_confirmed", "sitting:" + sittingId, new JsonObject()))
                            .map(seq -> {
                                events.sittingChanged(row.getLong("session_id"), sittingId);
                                return new JsonObject()
                                        .put("candidateToken", token)
                                        .put("sittingId", sittingId)
                                        .put("fullName", row.getString("full_name"))
                                        .put("status", row.getString("status"));
                            });
                });
    }

    /** A ticket typed at a terminal nobody is bound to: the proctors hear that its owner logs in at a second place. */
    private Future<Void> reportSecondLogin(long roomId, String ticket, long terminalId) {
        return pool.preparedQuery("""
            SELECT t.id, t.session_id FROM sitting t JOIN exam_session s ON s.id = t.session_id
             WHERE s.room_id = $1 AND t.ticket_no = $2 AND s.state IN ('CHECK_IN', 'RUNNING') AND t.terminal_id <> $3""")
                .execute(Tuple.of(roomId, ticket, terminalId))
                .compose(rows -> {
                    List<Future<Long>> stored = new ArrayList<>();
                    rows.forEach(r -> stored.add(signals.record(
                            r.getLong("session_id"), r.getLong("id"), terminalId, KioskSignals.SECOND_LOGIN)));
                    return Future.all(stored).mapEmpty();
                });
    }

    /** The candidate's paper (no keys), the answers so far and the clock; after the hand-in, the closing screen. */
    Future<Buffer> paper(CandidateTokens.Claims claims) {
        return pool.preparedQuery("""
            SELECT t.status, t.candidate_paper, t.item_count, t.deadline, t.paused_at, t.terminal_id, t.session_id,
                   t.score, t.passed, t.submit_reason, s.show_score, s.state AS session_state
              FROM sitting t JOIN exam_session s ON s.id = t.session_id WHERE t.id = $1""").execute(Tuple.of(claims.sittingId())).compose(rows -> {
            Row row = rows.iterator().next();
            if (!heldBy(row, claims)) {
                return Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception());
            }
            SittingStatus status = SittingStatus.valueOf(row.getString("status"));
            if (status == SittingStatus.CHECKED_IN) {
                return Future.failedFuture(ExamErrors.NOT_STARTED.exception());
            }
            if (SittingStatus.HANDED_IN.contains(status)) {
                return handedIn(claims, status, row).map(JsonObject::toBuffer);
            }
            return AnswerSheet.load(pool, claims.sittingId()).map(sheet -> {
                JsonObject out = SittingClock.of(row)
                        .toJson(status.name())
                        .put("answers", sheet.labelsJson())
                        .put("lastSeq", sheet.lastSeq())
                        .put(
                                "candidateToken",
                                tokens.issue(new CandidateTokens.Claims(
                                        claims.sittingId(), claims.terminalId(), row.getInteger("item_count"))));
                return RawJson.with(out, "paper", row.getString("candidate_paper"));
            });
        });
    }

    /**
     * After the hand-in the token shows the candidate's closing screen and nothing more: no paper, no
     * answers and no fresh token, so the next person at the terminal reads nothing of the last one;
     * once the session is closed it shows nothing at all.
     */
    private Future<JsonObject> handedIn(CandidateTokens.Claims claims, SittingStatus status, Row row) {
        if (!OPEN_SESSION.contains(row.getString("session_state"))) {
            return Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception());
        }
        return AnswerSheet.load(pool, claims.sittingId()).map(sheet -> {
            JsonObject out = new JsonObject()
                    .put("status", status.name())
                    .put("submitReason", row.getString("submit_reason"))
                    .put("answered", sheet.answered());
            if (status == SittingStatus.SUBMITTED && row.getBoolean("show_score")) {
                out.put("score", row.getBigDecimal("score").doubleValue())
                        .put("passed", row.getBoolean("passed"))
                        .put("totalPoints", new JsonObject(row.getString("candidate_paper")).getValue("totalPoints"));
            }
            return out;
        });
    }

    /** Appends the steps to the answer log; each is acknowledged only once its batch has committed. */
    Future<JsonObject> answers(CandidateTokens.Claims claims, List<AnswerStep> steps) {
        List<Future<AutosaveOutcome>> outcomes = new ArrayList<>(steps.size());
        steps.forEach(step -> outcomes.add(autosaves.append(step)));
        return Future.all(outcomes).compose(all -> {
            JsonArray results = new JsonArray();
            boolean refused = false;
            for (int i = 0; i < steps.size(); i++) {
                AutosaveOutcome outcome = all.resultAt(i);
                refused |= outcome == AutosaveOutcome.NOT_ANSWERING;
                results.add(new JsonObject().put("seq", steps.get(i).seq()).put("outcome", outcome.name()));
            }
            if (refused) {
                return Future.failedFuture(ExamErrors.NOT_ANSWERING.exception());
            }
            progress.changed(claims.sittingId());
            return Future.succeededFuture(new JsonObject().put("results", results));
        });
    }

    /** A kiosk signal for the proctors, while the candidate is in the room. */
    Future<Void> signal(CandidateTokens.Claims claims, String kind) {
        return pool.preparedQuery("SELECT session_id, status FROM sitting WHERE id = $1 AND terminal_id = $2")
                .execute(Tuple.of(claims.sittingId(), claims.terminalId()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception());
                    }
                    Row row = rows.iterator().next();
                    if (!SittingEvent.SIGNAL.allowedFrom(SittingStatus.valueOf(row.getString("status")))) {
                        return Future.failedFuture(ExamErrors.NOT_ANSWERING.exception());
                    }
                    return limits.signal(claims.sittingId())
                            .compose(x -> signals.record(
                                    row.getLong("session_id"), claims.sittingId(), claims.terminalId(), kind))
                            .mapEmpty();
                });
    }

    /** The candidate hands in: only from the terminal that holds the sitting, and only while answering. */
    Future<JsonObject> submit(CandidateTokens.Claims claims, String requestId) {
        Actor actor = new Actor("sitting:" + claims.sittingId(), "CANDIDATE", requestId);
        return pool.preparedQuery("SELECT terminal_id, status FROM sitting WHERE id = $1")
                .execute(Tuple.of(claims.sittingId()))
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    if (!heldBy(row, claims)) {
                        return Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception());
                    }
                    if (!SittingEvent.CANDIDATE_HAND_IN.allowedFrom(SittingStatus.valueOf(row.getString("status")))) {
                        return Future.failedFuture(ExamErrors.NOT_ANSWERING.exception());
                    }
                    return submission.submit(claims.sittingId(), Submission.Reason.CANDIDATE, actor);
                });
    }

    /** The sitting is still at the terminal the token was issued to: a moved candidate's old terminal holds nothing. */
    private static boolean heldBy(Row sitting, CandidateTokens.Claims claims) {
        Long terminalId = sitting.getLong("terminal_id");
        return terminalId != null && terminalId == claims.terminalId();
    }
}
