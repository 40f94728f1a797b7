package org.examhall.server.exam;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.answers.AnswerStep;
import org.examhall.server.answers.AutosaveLog;
import org.examhall.server.answers.AutosaveOutcome;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.RawJson;
import org.examhall.server.http.Reply;
import org.examhall.server.live.KioskSignals;
import org.examhall.server.live.ProgressFeed;
import org.examhall.server.live.RoomEvents;
import org.examhall.server.pii.PersonPhotos;
import org.examhall.server.rooms.TerminalAuth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The exam-room terminal's protocol. The terminal proves itself with its device credential; once
 * its candidate confirms with the admission ticket, it also carries a candidate token. Answer keys
 * never travel here: the terminal gets the candidate view of the paper only.
 */
public final class TerminalRoutes {

  public static final String TOKEN_HEADER = "X-Candidate-Token";
  private static final int MAX_STEPS_PER_REQUEST = 500;
  private static final java.util.Set<String> HANDED_IN = java.util.Set.of("SUBMITTED", "VOIDED");
  private static final java.util.Set<String> OPEN_SESSION = java.util.Set.of("CHECK_IN", "RUNNING");
  private static final Set<String> SIGNALLING = Set.of("CHECKED_IN", "ANSWERING", "PAUSED");

  private final Pool pool;
  private final TerminalAuth terminals;
  private final CandidateTokens tokens;
  private final AutosaveLog autosaves;
  private final Submission submission;
  private final PersonPhotos photos;
  private final RoomEvents events;
  private final KioskSignals signals;
  private final ProgressFeed progress;
  private final AuditLog audit;
  private final SafeExamBrowserCheck seb;
  private final Heartbeats heartbeats;

  private final TerminalLimits limits;

  public TerminalRoutes(Pool pool, TerminalAuth terminals, CandidateTokens tokens, AutosaveLog autosaves,
                        Submission submission, PersonPhotos photos, RoomEvents events,
                        KioskSignals signals, ProgressFeed progress, AuditLog audit, SafeExamBrowserCheck seb,
                        Heartbeats heartbeats) {
    this.pool = pool;
    this.terminals = terminals;
    this.tokens = tokens;
    this.autosaves = autosaves;
    this.submission = submission;
    this.photos = photos;
    this.events = events;
    this.signals = signals;
    this.progress = progress;
    this.audit = audit;
    this.seb = seb;
    this.heartbeats = heartbeats;
    this.limits = new TerminalLimits(java.time.Clock.systemUTC());
  }

  public void register(ApiRouter api) {
    api.add(HttpMethod.GET, "/api/terminal/state", Access.TERMINAL, "The terminal's seat and the candidate bound to it", this::state);
    api.add(HttpMethod.POST, "/api/terminal/confirm", Access.TERMINAL, "The candidate confirms with the admission ticket number", this::confirm);
    api.add(HttpMethod.GET, "/api/exam/paper", Access.TERMINAL, "The candidate's paper (no answer keys), answers so far and clock", this::paper);
    api.add(HttpMethod.POST, "/api/exam/answers", Access.TERMINAL, "Autosave answer changes; acknowledged once durable", this::answers);
    api.add(HttpMethod.POST, "/api/exam/heartbeat", Access.TERMINAL, "Presence and the server's clock", this::heartbeat);
    api.add(HttpMethod.POST, "/api/exam/signals", Access.TERMINAL, "Kiosk signals for the proctors", this::signal);
    api.add(HttpMethod.POST, "/api/exam/submit", Access.TERMINAL, "Hand in the paper", this::submit);
  }

  private static final String BOUND = """
      SELECT t.id, t.session_id, t.person_id, t.ticket_no, t.status, t.item_count, t.doubtful, p.full_name,
             s.title, s.state, s.show_score
        FROM sitting t JOIN person p ON p.id = t.person_id JOIN exam_session s ON s.id = t.session_id
       WHERE t.terminal_id = $1 AND t.status IN ('CHECKED_IN', 'ANSWERING', 'PAUSED', 'SUBMITTED')
         AND s.state IN ('CHECK_IN', 'RUNNING')
       ORDER BY t.checked_in_at DESC LIMIT 1""";

  private Future<Reply> state(RoutingContext ctx) {
    return seb.check(ctx).compose(x -> terminals.terminal(ctx)).compose(terminal -> pool.preparedQuery(BOUND)
        .execute(Tuple.of(terminal.id()))
        .compose(rows -> {
          JsonObject out = new JsonObject().put("terminal", new JsonObject().put("id", terminal.id())
              .put("roomId", terminal.roomId()).put("seatNo", terminal.seatNo())).put("serverTime", Instant.now().toString());
          if (rows.size() == 0) {
            return Future.succeededFuture(Reply.ok(out.putNull("candidate")));
          }
          Row row = rows.iterator().next();
          return photos.tag(pool, row.getLong("person_id")).map(tag -> Reply.ok(out.put("candidate", new JsonObject()
              .put("sittingId", row.getLong("id"))
              .put("fullName", row.getString("full_name"))
              .put("photoUrl", tag.map(CandidatePhotoRoute::url).orElse(null))
              .put("status", row.getString("status"))
              .put("examTitle", row.getString("title"))
              .put("sessionState", row.getString("state")))));
        }));
  }

  private Future<Reply> confirm(RoutingContext ctx) {
    return seb.check(ctx).compose(x -> terminals.terminal(ctx)).compose(terminal -> confirm(ctx, terminal,
        JsonBodies.requiredString(JsonBodies.object(ctx), "ticketNo", 40)));
  }

  private Future<Reply> confirm(RoutingContext ctx, TerminalAuth.Terminal terminal, String ticket) {
    return limits.ticketAttempt(terminal.id()).compose(x -> pool.preparedQuery(BOUND).execute(Tuple.of(terminal.id())))
        .compose(rows -> {
          Actor actor = new Actor("terminal:" + terminal.id(), "TERMINAL", org.examhall.server.http.RequestIds.of(ctx));
          if (rows.size() == 0) {
            limits.wrongTicket(terminal.id());
            return reportSecondLogin(terminal.roomId(), ticket, terminal.id())
                .compose(x -> Future.failedFuture(ExamErrors.NO_CANDIDATE_HERE.exception()));
          }
          Row row = rows.iterator().next();
          long sittingId = row.getLong("id");
          if (!MessageDigest.isEqual(ticket.getBytes(StandardCharsets.UTF_8), row.getString("ticket_no").getBytes(StandardCharsets.UTF_8))) {
            // The mistake is this terminal's: whoever owns the typed ticket may be at their own seat.
            limits.wrongTicket(terminal.id());
            return audit.append(actor.entry("terminal.ticket_mismatch", "sitting:" + sittingId, new JsonObject()))
                .compose(x -> signals.record(row.getLong("session_id"), sittingId, terminal.id(), KioskSignals.TICKET_MISMATCH))
                .compose(x -> Future.failedFuture(ExamErrors.TICKET_MISMATCH.exception()));
          }
          Integer items = row.getInteger("item_count");
          String token = tokens.issue(new CandidateTokens.Claims(sittingId, terminal.id(), items == null ? 0 : items));
          return audit.append(actor.entry("terminal.candidate_confirmed", "sitting:" + sittingId, new JsonObject()))
              .map(seq -> {
                events.sittingChanged(row.getLong("session_id"), sittingId);
                return Reply.ok(new JsonObject().put("candidateToken", token).put("sittingId", sittingId)
                    .put("fullName", row.getString("full_name")).put("status", row.getString("status")));
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
          rows.forEach(r -> stored.add(signals.record(r.getLong("session_id"), r.getLong("id"), terminalId, KioskSignals.SECOND_LOGIN)));
          return Future.all(stored).mapEmpty();
        });
  }

  private CandidateTokens.Claims claims(RoutingContext ctx) {
    return tokens.verify(ctx.request().getHeader(TOKEN_HEADER)).orElseThrow(ExamErrors.CANDIDATE_TOKEN_INVALID::exception);
  }

  /** The token and the device credential together: a token copied to another machine is worth nothing. */
  private Future<CandidateTokens.Claims> candidate(RoutingContext ctx) {
    CandidateTokens.Claims claims = claims(ctx);
    return terminals.terminal(ctx).compose(terminal -> terminal.id() == claims.terminalId() ? Future.succeededFuture(claims)
        : Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception()));
  }

  private Future<Reply> paper(RoutingContext ctx) {
    return candidate(ctx).compose(claims -> paper(ctx, claims));
  }

  private Future<Reply> paper(RoutingContext ctx, CandidateTokens.Claims claims) {
    return seb.check(ctx).compose(x -> pool.preparedQuery("""
            SELECT t.status, t.candidate_paper, t.item_count, t.deadline, t.paused_at, t.terminal_id, t.session_id,
                   t.score, t.passed, t.submit_reason, s.show_score, s.state AS session_state
              FROM sitting t JOIN exam_session s ON s.id = t.session_id WHERE t.id = $1""")
        .execute(Tuple.of(claims.sittingId()))
        .compose(rows -> {
          Row row = rows.iterator().next();
          if (row.getLong("terminal_id") == null || row.getLong("terminal_id") != claims.terminalId()) {
            return Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception());
          }
          if ("CHECKED_IN".equals(row.getString("status"))) {
            return Future.failedFuture(ExamErrors.NOT_STARTED.exception());
          }
          if (HANDED_IN.contains(row.getString("status"))) {
            return handedIn(claims, row);
          }
          return AnswerSheet.load(pool, claims.sittingId()).map(sheet -> {
            JsonObject out = SittingClock.of(row).toJson()
                .put("answers", sheet.labelsJson())
                .put("lastSeq", sheet.lastSeq())
                .put("candidateToken", tokens.issue(new CandidateTokens.Claims(claims.sittingId(), claims.terminalId(),
                    row.getInteger("item_count"))));
            return Reply.ok(RawJson.with(out, "paper", row.getString("candidate_paper")));
          });
        }));
  }

  /**
   * After the hand-in the token shows the candidate's closing screen and nothing more: no paper, no
   * answers and no fresh token, so the next person at the terminal reads nothing of the last one;
   * once the session is closed it shows nothing at all.
   */
  private Future<Reply> handedIn(CandidateTokens.Claims claims, Row row) {
    if (!OPEN_SESSION.contains(row.getString("session_state"))) {
      return Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception());
    }
    return AnswerSheet.load(pool, claims.sittingId()).map(sheet -> {
      JsonObject out = new JsonObject().put("status", row.getString("status")).put("submitReason", row.getString("submit_reason"))
          .put("answered", sheet.labelsJson().stream().filter(e -> !"".equals(e.getValue())).count());
      if ("SUBMITTED".equals(row.getString("status")) && row.getBoolean("show_score")) {
        out.put("score", row.getBigDecimal("score").doubleValue()).put("passed", row.getBoolean("passed"))
            .put("totalPoints", new JsonObject(row.getString("candidate_paper")).getValue("totalPoints"));
      }
      return Reply.ok(out);
    });
  }

  private Future<Reply> answers(RoutingContext ctx) {
    return candidate(ctx).compose(claims -> answers(ctx, claims));
  }

  private Future<Reply> answers(RoutingContext ctx, CandidateTokens.Claims claims) {
    Object given = JsonBodies.object(ctx).getValue("steps");
    JsonArray steps = given instanceof JsonArray list ? list : null;
    if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS_PER_REQUEST) {
      throw Errors.invalid("steps 必须是 1 到 " + MAX_STEPS_PER_REQUEST + " 个作答记录",
          "steps must hold 1 to " + MAX_STEPS_PER_REQUEST + " answer changes");
    }
    List<AnswerStep> parsed = new ArrayList<>(steps.size());
    for (Object value : steps) {
      if (!(value instanceof JsonObject step)) {
        throw Errors.invalid("每个作答记录必须是对象", "each step must be an object");
      }
      int item = Ids.requiredInt(step, "item", 1, 1000);
      if (claims.items() > 0 && item > claims.items()) {
        throw ExamErrors.ITEM_OUT_OF_RANGE.exception();
      }
      String labels = step.getValue("labels") instanceof String s ? s : null;
      if (!AnswerStep.validLabels(labels)) {
        throw Errors.invalid("labels 必须是选项字母 A–F（空字符串表示清除）", "labels must be option letters A-F (empty clears)");
      }
      parsed.add(new AnswerStep(claims.sittingId(), claims.terminalId(), Ids.requiredInt(step, "seq", 1, Integer.MAX_VALUE),
          item, canonical(labels)));
    }
    List<Future<AutosaveOutcome>> outcomes = new ArrayList<>(parsed.size());
    parsed.forEach(step -> outcomes.add(autosaves.append(step)));
    return Future.all(outcomes).compose(all -> {
      JsonArray results = new JsonArray();
      boolean refused = false;
      for (int i = 0; i < parsed.size(); i++) {
        AutosaveOutcome outcome = all.resultAt(i);
        refused |= outcome == AutosaveOutcome.NOT_ANSWERING;
        results.add(new JsonObject().put("seq", parsed.get(i).seq()).put("outcome", outcome.name()));
      }
      if (refused) {
        return Future.failedFuture(ExamErrors.NOT_ANSWERING.exception());
      }
      progress.changed(claims.sittingId());
      return Future.succeededFuture(Reply.ok(new JsonObject().put("results", results)));
    });
  }

  /** "CA" and "AC" are the same answer; stored sorted so the sheet compares plainly. */
  private static String canonical(String labels) {
    char[] chars = labels.toCharArray();
    java.util.Arrays.sort(chars);
    return new String(chars);
  }

  private Future<Reply> heartbeat(RoutingContext ctx) {
    return candidate(ctx).compose(claims -> heartbeat(ctx, claims));
  }

  private Future<Reply> heartbeat(RoutingContext ctx, CandidateTokens.Claims claims) {
    return heartbeats.beat(claims).map(Reply::ok);
  }

  private Future<Reply> signal(RoutingContext ctx) {
    return candidate(ctx).compose(claims -> signal(ctx, claims));
  }

  private Future<Reply> signal(RoutingContext ctx, CandidateTokens.Claims claims) {
    String kind = JsonBodies.requiredString(JsonBodies.object(ctx), "kind", 40);
    if (!KioskSignals.REPORTED_BY_TERMINAL.contains(kind)) {
      throw Errors.invalid("未知的信号类型", "unknown signal kind; one of " + KioskSignals.REPORTED_BY_TERMINAL);
    }
    return pool.preparedQuery("SELECT session_id, status FROM sitting WHERE id = $1 AND terminal_id = $2")
        .execute(Tuple.of(claims.sittingId(), claims.terminalId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception());
          }
          Row row = rows.iterator().next();
          // After the hand-in the record is closed: a late signal would change what the proctors sign.
          if (!SIGNALLING.contains(row.getString("status"))) {
            return Future.failedFuture(ExamErrors.NOT_ANSWERING.exception());
          }
          return limits.signal(claims.sittingId()).compose(x -> signals.record(row.getLong("session_id"), claims.sittingId(), claims.terminalId(), kind)
              .map(id -> Reply.noContent()));
        });
  }

  private Future<Reply> submit(RoutingContext ctx) {
    return candidate(ctx).compose(claims -> submit(ctx, claims));
  }

  private Future<Reply> submit(RoutingContext ctx, CandidateTokens.Claims claims) {
    Actor actor = new Actor("sitting:" + claims.sittingId(), "CANDIDATE", org.examhall.server.http.RequestIds.of(ctx));
    return pool.preparedQuery("SELECT terminal_id, status FROM sitting WHERE id = $1").execute(Tuple.of(claims.sittingId()))
        .compose(rows -> {
          Row row = rows.iterator().next();
          if (row.getLong("terminal_id") == null || row.getLong("terminal_id") != claims.terminalId()) {
            return Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception());
          }
          if (!"ANSWERING".equals(row.getString("status"))) {
            return Future.failedFuture(ExamErrors.NOT_ANSWERING.exception());
          }
          return submission.submit(claims.sittingId(), Submission.Reason.CANDIDATE, actor).map(Reply::ok);
        });
  }
}
