package org.examhall.server.sessions;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.examhall.server.pii.CandidatePhoto;
import org.examhall.server.pii.PersonRoutes;
import org.examhall.server.pii.ResidentIdNumber;

/** Scheduling sessions, their candidates and their state, for the bureau (and proctors for their own sessions). */
public final class SessionRoutes {

    private final Sessions sessions;
    private final CandidateImport candidateImport;
    private final SessionStateListener events;

    public SessionRoutes(Sessions sessions, CandidateImport candidateImport, SessionStateListener events) {
        this.sessions = sessions;
        this.candidateImport = candidateImport;
        this.events = events;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.POST,
                "/api/sessions",
                Access.roles(Role.BUREAU_ADMIN),
                "Schedule an exam session",
                this::create);
        api.add(
                HttpMethod.GET,
                "/api/sessions",
                Access.roles(Role.BUREAU_ADMIN, Role.PROCTOR),
                "Sessions (a proctor sees those assigned to them)",
                this::list);
        api.add(
                HttpMethod.GET,
                "/api/sessions/:id",
                Access.roles(Role.BUREAU_ADMIN, Role.PROCTOR),
                "One session",
                this::detail);
        api.add(
                HttpMethod.POST,
                "/api/sessions/:id/candidates",
                Access.roles(Role.BUREAU_ADMIN),
                "Add a candidate",
                this::addCandidate);
        api.add(
                HttpMethod.POST,
                "/api/sessions/:id/candidates/import",
                Access.roles(Role.BUREAU_ADMIN),
                "Add candidates from CSV, with photos named by ID number (all or nothing)",
                this::importCandidates);
        api.add(
                HttpMethod.POST,
                "/api/sessions/:id/state",
                Access.roles(Role.BUREAU_ADMIN, Role.PROCTOR),
                "Move the session on: CHECK_IN (draws seats), RUNNING (issues papers), CLOSED, SCORED",
                this::transition);
    }

    private Future<Reply> create(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        if (!(body.getValue("proctorIds") instanceof JsonArray proctors)) {
            throw Errors.invalid("字段 proctorIds 必填，且须是监考员编号的列表", "field proctorIds is required, a list of proctor ids");
        }
        List<Long> proctorIds = new ArrayList<>();
        for (int i = 0; i < proctors.size(); i++) {
            proctorIds.add(Ids.requiredId(new JsonObject().put("id", proctors.getValue(i)), "id"));
        }
        Integer duration =
                body.getValue("durationMinutes") == null ? null : Ids.requiredInt(body, "durationMinutes", 10, 600);
        Sessions.NewSession request = new Sessions.NewSession(
                Ids.requiredId(body, "roomId"),
                JsonBodies.requiredString(body, "blueprintId", 100),
                JsonBodies.optionalString(body, "title", 200),
                Times.parse(JsonBodies.requiredString(body, "startsAt", 40)),
                duration,
                proctorIds,
                JsonBodies.optionalBoolean(body, "showScore"));
        return sessions.create(request, Actor.of(ctx)).map(Reply::created);
    }

    private Future<Reply> list(RoutingContext ctx) {
        StaffPrincipal principal = StaffPrincipal.required(ctx);
        return sessions.list(principal.role() == Role.PROCTOR ? principal.staffId() : null)
                .map(all -> Reply.ok(new JsonObject().put("sessions", all)));
    }

    private Future<Reply> detail(RoutingContext ctx) {
        long id = Ids.path(ctx, "id");
        return ProctorAssignments.requireIfProctor(sessions.pool(), id, StaffPrincipal.required(ctx))
                .compose(x -> sessions.detail(id))
                .map(Reply::ok);
    }

    private Future<Reply> addCandidate(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        ResidentIdNumber idNumber = ResidentIdNumber.parse(JsonBodies.requiredString(body, "idNumber", 32))
                .orElseThrow(PersonRoutes.INVALID_ID_NUMBER::exception);
        byte[] photo = CandidatePhoto.decode(JsonBodies.optionalString(body, "photo", 800_000));
        return sessions.addCandidate(
                        Ids.path(ctx, "id"),
                        JsonBodies.requiredString(body, "fullName", 100),
                        idNumber,
                        JsonBodies.optionalString(body, "ticketNo", 40),
                        photo,
                        Actor.of(ctx))
                .map(Reply::created);
    }

    private Future<Reply> importCandidates(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        Map<String, String> photos = new LinkedHashMap<>();
        Object given = body.getValue("photos");
        if (given != null && !(given instanceof JsonObject)) {
            throw Errors.invalid(
                    "photos 必须是 文件名 → Base64 图片 的对象", "photos must be an object of file name → Base64 image");
        }
        if (given instanceof JsonObject files) {
            for (String name : files.fieldNames()) {
                if (!(files.getValue(name) instanceof String data) || name.length() > 100) {
                    throw Errors.invalid(
                            "照片 " + name + " 必须是 Base64 字符串", "photo " + name + " must be a Base64 string");
                }
                photos.put(name, data);
            }
        }
        return candidateImport
                .importCsv(
                        Ids.path(ctx, "id"),
                        JsonBodies.requiredString(body, "csv", 500_000),
                        photos,
                        JsonBodies.optionalBoolean(body, "dryRun"),
                        Actor.of(ctx))
                .map(Reply::ok);
    }

    private Future<Reply> transition(RoutingContext ctx) {
        long id = Ids.path(ctx, "id");
        JsonObject body = JsonBodies.object(ctx);
        String value = JsonBodies.requiredString(body, "state", 20).toUpperCase(Locale.ROOT);
        SessionState target;
        try {
            target = SessionState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw Errors.invalid(
                    "state 必须是 CHECK_IN、RUNNING、CLOSED 或 SCORED", "state must be CHECK_IN, RUNNING, CLOSED or SCORED");
        }
        String overrideReason = JsonBodies.optionalString(body, "scheduleOverrideReason", 500);
        if (overrideReason != null && overrideReason.isBlank()) {
            throw Errors.invalid("越过计划时间须写明理由", "a schedule override needs a reason");
        }
        StaffPrincipal principal = StaffPrincipal.required(ctx);
        // Proctors open check-in, start and close their own room; confirming scores and overriding the schedule are the
        // bureau's.
        Future<Void> allowed = principal.role() != Role.PROCTOR
                ? Future.succeededFuture()
                : target == SessionState.SCORED
                        ? Future.failedFuture(Errors.FORBIDDEN.exception())
                        : overrideReason != null
                                ? Future.failedFuture(SessionErrors.OVERRIDE_NOT_ALLOWED.exception())
                                : ProctorAssignments.require(sessions.pool(), id, principal.staffId());
        return allowed.compose(x -> sessions.transition(
                        id, target, overrideReason == null ? null : overrideReason.strip(), Actor.of(ctx)))
                .onSuccess(session -> events.sessionChanged(id, session.getString("state")))
                .map(Reply::ok);
    }
}
