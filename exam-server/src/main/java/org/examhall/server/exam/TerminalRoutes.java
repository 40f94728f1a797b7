package org.examhall.server.exam;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.examhall.server.answers.AnswerStep;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Draining;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.RequestIds;
import org.examhall.server.live.KioskSignals;
import org.examhall.server.rooms.TerminalAuth;

/**
 * The exam-room terminal's protocol. The terminal proves itself with its device credential; once
 * its candidate confirms with the admission ticket, it also carries a candidate token. Answer keys
 * never travel here: the terminal gets the candidate view of the paper only. The routes check who
 * asks and what they send; {@link TerminalSession} does the rest.
 */
public final class TerminalRoutes {

    public static final String TOKEN_HEADER = "X-Candidate-Token";
    private static final int MAX_STEPS_PER_REQUEST = 500;

    private final TerminalAuth terminals;
    private final CandidateTokens tokens;
    private final TerminalSession session;
    private final SafeExamBrowserCheck seb;
    private final Heartbeats heartbeats;
    private final Draining draining;

    public TerminalRoutes(
            TerminalAuth terminals,
            CandidateTokens tokens,
            TerminalSession session,
            SafeExamBrowserCheck seb,
            Heartbeats heartbeats,
            Draining draining) {
        this.draining = draining;
        this.terminals = terminals;
        this.tokens = tokens;
        this.session = session;
        this.seb = seb;
        this.heartbeats = heartbeats;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.GET,
                "/api/terminal/state",
                Access.TERMINAL,
                "The terminal's seat and the candidate bound to it",
                this::state);
        api.add(
                HttpMethod.POST,
                "/api/terminal/confirm",
                Access.TERMINAL,
                "The candidate confirms with the admission ticket number",
                this::confirm);
        api.add(
                HttpMethod.GET,
                "/api/exam/paper",
                Access.TERMINAL,
                "The candidate's paper (no answer keys), answers so far and clock",
                this::paper);
        api.add(
                HttpMethod.POST,
                "/api/exam/answers",
                Access.TERMINAL,
                "Autosave answer changes; acknowledged once durable",
                this::answers);
        api.add(
                HttpMethod.POST,
                "/api/exam/heartbeat",
                Access.TERMINAL,
                "Presence and the server's clock",
                this::heartbeat);
        api.add(HttpMethod.POST, "/api/exam/signals", Access.TERMINAL, "Kiosk signals for the proctors", this::signal);
        api.add(HttpMethod.POST, "/api/exam/submit", Access.TERMINAL, "Hand in the paper", this::submit);
    }

    private Future<Reply> state(RoutingContext ctx) {
        return seb.check(ctx)
                .compose(x -> terminals.terminal(ctx))
                .compose(session::state)
                .map(Reply::ok);
    }

    private Future<Reply> confirm(RoutingContext ctx) {
        return seb.check(ctx)
                .compose(x -> terminals.terminal(ctx))
                .compose(terminal -> draining.active()
                        // The terminal retries through the balancer, which no longer sends it here.
                        ? Future.failedFuture(Errors.NODE_DRAINING.exception())
                        : session.confirm(
                                terminal,
                                JsonBodies.requiredString(JsonBodies.object(ctx), "ticketNo", 40),
                                RequestIds.of(ctx)))
                .map(Reply::ok);
    }

    private CandidateTokens.Claims claims(RoutingContext ctx) {
        return tokens.verify(ctx.request().getHeader(TOKEN_HEADER))
                .orElseThrow(ExamErrors.CANDIDATE_TOKEN_INVALID::exception);
    }

    /** The token and the device credential together: a token copied to another machine is worth nothing. */
    private Future<CandidateTokens.Claims> candidate(RoutingContext ctx) {
        CandidateTokens.Claims claims = claims(ctx);
        return terminals
                .terminal(ctx)
                .compose(terminal -> terminal.id() == claims.terminalId()
                        ? Future.succeededFuture(claims)
                        : Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception()));
    }

    private Future<Reply> paper(RoutingContext ctx) {
        return candidate(ctx)
                .compose(claims -> seb.check(ctx).compose(x -> session.paper(claims)))
                .map(Reply::ok);
    }

    private Future<Reply> answers(RoutingContext ctx) {
        return candidate(ctx)
                .compose(claims -> session.answers(claims, steps(ctx, claims)))
                .map(Reply::ok);
    }

    private static List<AnswerStep> steps(RoutingContext ctx, CandidateTokens.Claims claims) {
        Object given = JsonBodies.object(ctx).getValue("steps");
        JsonArray steps = given instanceof JsonArray list ? list : null;
        if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS_PER_REQUEST) {
            throw Errors.invalid(
                    "steps 必须是 1 到 " + MAX_STEPS_PER_REQUEST + " 个作答记录",
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
                throw Errors.invalid(
                        "labels 必须是选项字母 A–F（空字符串表示清除）", "labels must be option letters A-F (empty clears)");
            }
            parsed.add(new AnswerStep(
                    claims.sittingId(),
                    claims.terminalId(),
                    Ids.requiredInt(step, "seq", 1, Integer.MAX_VALUE),
                    item,
                    canonical(labels)));
        }
        return parsed;
    }

    /** "CA" and "AC" are the same answer; stored sorted so the sheet compares plainly. */
    private static String canonical(String labels) {
        char[] chars = labels.toCharArray();
        Arrays.sort(chars);
        return new String(chars);
    }

    private Future<Reply> heartbeat(RoutingContext ctx) {
        return candidate(ctx).compose(heartbeats::beat).map(Reply::ok);
    }

    private Future<Reply> signal(RoutingContext ctx) {
        return candidate(ctx)
                .compose(claims -> {
                    String kind = JsonBodies.requiredString(JsonBodies.object(ctx), "kind", 40);
                    if (!KioskSignals.REPORTED_BY_TERMINAL.contains(kind)) {
                        throw Errors.invalid(
                                "未知的信号类型", "unknown signal kind; one of " + KioskSignals.REPORTED_BY_TERMINAL);
                    }
                    return session.signal(claims, kind);
                })
                .map(x -> Reply.noContent());
    }

    private Future<Reply> submit(RoutingContext ctx) {
        return candidate(ctx)
                .compose(claims -> session.submit(claims, RequestIds.of(ctx)))
                .map(Reply::ok);
    }
}
