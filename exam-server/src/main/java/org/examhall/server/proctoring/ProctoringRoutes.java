package org.examhall.server.proctoring;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;
import org.examhall.server.http.StaffPrincipal;
import org.examhall.server.http.Times;
import org.examhall.server.sessions.ProctorAssignments;

/** Proctors' actions on candidates and the room record; each checks the proctor is assigned to the session. */
public final class ProctoringRoutes {

    private static final Set<String> SEVERITIES = Set.of("NOTE", "ORDINARY", "SERIOUS");

    private final ProctorActions actions;
    private final RoomRecord record;

    private final Pool pool;

    public ProctoringRoutes(Pool pool, ProctorActions actions, RoomRecord record) {
        this.pool = pool;
        this.actions = actions;
        this.record = record;
    }

    public void register(ApiRouter api) {
        Access proctor = Access.roles(Role.PROCTOR);
        api.add(
                HttpMethod.POST,
                "/api/sittings/:id/warn",
                proctor,
                "Warn a candidate (shown on their terminal)",
                this::warn);
        api.add(
                HttpMethod.POST,
                "/api/sittings/:id/pause",
                proctor,
                "Pause one candidate's clock",
                ctx -> actions.pause(Ids.path(ctx, "id"), staff(ctx), Actor.of(ctx))
                        .map(Reply::ok));
        api.add(
                HttpMethod.POST,
                "/api/sittings/:id/resume",
                proctor,
                "Resume a paused candidate",
                ctx -> actions.resume(Ids.path(ctx, "id"), staff(ctx), Actor.of(ctx))
                        .map(Reply::ok));
        api.add(
                HttpMethod.POST,
                "/api/sittings/:id/extra-time",
                proctor,
                "Give a candidate extra time",
                this::extraTime);
        api.add(
                HttpMethod.POST,
                "/api/sittings/:id/move",
                proctor,
                "Move a candidate to the terminal at another seat",
                this::move);
        api.add(
                HttpMethod.POST,
                "/api/sittings/:id/void",
                proctor,
                "Void a sitting for serious misconduct (a second proctor must confirm)",
                this::voidSitting);
        api.add(
                HttpMethod.POST,
                "/api/sessions/:id/incidents",
                proctor,
                "Record an incident with its video time range",
                this::incident);
        api.add(
                HttpMethod.GET,
                "/api/sessions/:id/room-record",
                Access.roles(Role.PROCTOR, Role.BUREAU_ADMIN),
                "The room record: attendance, timings, incidents, and who has signed it",
                ctx -> ProctorAssignments.requireIfProctor(pool, Ids.path(ctx, "id"), StaffPrincipal.required(ctx))
                        .compose(x -> record.build(Ids.path(ctx, "id")))
                        .compose(r -> record.signatures(Ids.path(ctx, "id")).map(signed -> {
                            String hash = RoomRecord.hash(r.copy().put("state", "CLOSED"));
                            signed.forEach(s -> ((JsonObject) s)
                                    .put("matchesRecord", hash.equals(((JsonObject) s).getString("recordHash"))));
                            return Reply.ok(r.put("recordHash", hash).put("signatures", signed));
                        })));
        api.add(
                HttpMethod.POST,
                "/api/sessions/:id/room-record/sign",
                proctor,
                "Sign the closed session's room record",
                ctx -> record.sign(Ids.path(ctx, "id"), staff(ctx), Actor.of(ctx))
                        .map(Reply::ok));
    }

    private static long staff(RoutingContext ctx) {
        return StaffPrincipal.required(ctx).staffId();
    }

    private Future<Reply> warn(RoutingContext ctx) {
        String message = JsonBodies.requiredString(JsonBodies.object(ctx), "message", 200);
        return actions.warn(Ids.path(ctx, "id"), message, staff(ctx), Actor.of(ctx))
                .map(Reply::ok);
    }

    private Future<Reply> extraTime(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        int minutes = Ids.requiredInt(body, "minutes", 1, 120);
        String reason = JsonBodies.requiredString(body, "reason", 200);
        return actions.extraTime(Ids.path(ctx, "id"), minutes, reason, staff(ctx), Actor.of(ctx))
                .map(Reply::ok);
    }

    private Future<Reply> move(RoutingContext ctx) {
        int seat = Ids.requiredInt(JsonBodies.object(ctx), "seatNo", 1, 500);
        return actions.move(Ids.path(ctx, "id"), seat, staff(ctx), Actor.of(ctx))
                .map(Reply::ok);
    }

    private Future<Reply> voidSitting(RoutingContext ctx) {
        String reason = JsonBodies.requiredString(JsonBodies.object(ctx), "reason", 500);
        return actions.voidSitting(Ids.path(ctx, "id"), reason, staff(ctx), Actor.of(ctx))
                .map(Reply::ok);
    }

    private Future<Reply> incident(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String severity = JsonBodies.requiredString(body, "severity", 20).toUpperCase(Locale.ROOT);
        if (!SEVERITIES.contains(severity)) {
            throw Errors.invalid("severity 必须是 NOTE、ORDINARY 或 SERIOUS", "severity must be NOTE, ORDINARY or SERIOUS");
        }
        Long sittingId = body.getValue("sittingId") == null ? null : Ids.requiredId(body, "sittingId");
        Instant from = Times.parseOptional(JsonBodies.optionalString(body, "videoFrom", 40));
        Instant to = Times.parseOptional(JsonBodies.optionalString(body, "videoTo", 40));
        if (from != null && to != null && to.isBefore(from)) {
            throw Errors.invalid("视频结束时间早于开始时间", "videoTo is before videoFrom");
        }
        return actions.recordIncident(
                        Ids.path(ctx, "id"),
                        sittingId,
                        JsonBodies.requiredString(body, "kind", 40).toUpperCase(Locale.ROOT),
                        severity,
                        JsonBodies.requiredString(body, "description", 1000),
                        from,
                        to,
                        staff(ctx),
                        Actor.of(ctx))
                .map(Reply::created);
    }
}
