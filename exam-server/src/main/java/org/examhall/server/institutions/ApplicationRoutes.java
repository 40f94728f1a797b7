package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;

/** Exam applications: made and submitted by an institution with proofs, reviewed and assigned by the bureau. */
final class ApplicationRoutes {

    private static final Set<String> STATUSES = Set.of("DRAFT", "SUBMITTED", "APPROVED", "REJECTED", "ASSIGNED");

    private final Pool pool;
    private final AuditLog audit;
    private final Applications applications;
    private final Proofs proofs;
    private final ApplicationReview review;
    private final PublishedResults results;
    private final ExamArrangements arrangements;

    ApplicationRoutes(
            Pool pool,
            AuditLog audit,
            Applications applications,
            Proofs proofs,
            ApplicationReview review,
            PublishedResults results,
            ExamArrangements arrangements) {
        this.pool = pool;
        this.audit = audit;
        this.applications = applications;
        this.proofs = proofs;
        this.review = review;
        this.results = results;
        this.arrangements = arrangements;
    }

    void register(ApiRouter api) {
        Access institution = Access.roles(Role.INSTITUTION);
        Access bureau = Access.roles(Role.BUREAU_ADMIN);
        Access both = Access.roles(Role.BUREAU_ADMIN, Role.INSTITUTION);
        api.add(
                HttpMethod.POST,
                "/api/applications",
                institution,
                "Apply for an exam for a class's trainees, or for a retake of an earlier application",
                this::create);
        api.add(
                HttpMethod.GET,
                "/api/applications",
                both,
                "Exam applications (an institution sees its own)",
                this::list);
        api.add(HttpMethod.GET, "/api/applications/:id", both, "One application with roster and proofs", this::detail);
        api.add(
                HttpMethod.POST,
                "/api/applications/:id/proofs",
                institution,
                "Upload one social-insurance proof (PDF, JPEG or PNG, at most 5 MB) as the request body",
                this::upload);
        api.add(
                HttpMethod.POST,
                "/api/applications/:id/submit",
                institution,
                "Submit a draft application to the bureau",
                ctx -> Caller.of(pool, ctx)
                        .compose(c -> applications.submit(c.requireInstitution(), Ids.path(ctx, "id"), c.actor()))
                        .map(Reply::ok));
        api.add(
                HttpMethod.POST,
                "/api/applications/:id/review",
                bureau,
                "Approve or reject a submitted application",
                this::review);
        api.add(
                HttpMethod.POST,
                "/api/applications/:id/assign",
                bureau,
                "Make an approved application's trainees candidates of a scheduled session",
                ctx -> Caller.of(pool, ctx)
                        .compose(c -> review.assign(
                                Ids.path(ctx, "id"), Ids.requiredId(JsonBodies.object(ctx), "sessionId"), c.actor()))
                        .map(Reply::ok));
        api.addRaw(HttpMethod.GET, "/api/proofs/:id", both, "Download a proof file", this::download);
        api.add(
                HttpMethod.GET,
                "/api/institution/results",
                institution,
                "Results of the institution's own trainees from published sessions",
                this::results);
        api.add(
                HttpMethod.GET,
                "/api/institution/arrangements",
                institution,
                "The institution's own trainees' exam time, room, admission ticket and (once drawn) seat",
                this::arrangements);
    }

    private Future<Reply> create(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        Long retakeOf = body.getValue("retakeOf") == null ? null : Ids.requiredId(body, "retakeOf");
        Long classId = body.getValue("classId") == null ? null : Ids.requiredId(body, "classId");
        List<Long> traineeIds = null;
        Object given = body.getValue("traineeIds");
        if (given != null) {
            if (!(given instanceof JsonArray array) || array.size() > 500) {
                throw Errors.invalid(
                        "字段 traineeIds 必须是学员编号数组（最多 500 个）",
                        "field traineeIds must be an array of at most 500 trainee ids");
            }
            traineeIds = new ArrayList<>();
            for (Object id : array) {
                long trainee = Ids.requiredId(new JsonObject().put("traineeId", id), "traineeId");
                if (!traineeIds.contains(trainee)) {
                    traineeIds.add(trainee);
                }
            }
        }
        List<Long> roster = traineeIds;
        return Caller.of(pool, ctx)
                .compose(c -> applications.create(c.requireInstitution(), classId, roster, retakeOf, c.actor()))
                .map(Reply::created);
    }

    private Future<Reply> list(RoutingContext ctx) {
        String status = ctx.queryParams().get("status");
        if (status != null && !STATUSES.contains(status.toUpperCase(Locale.ROOT))) {
            throw Errors.invalid(
                    "status 必须是 DRAFT、SUBMITTED、APPROVED、REJECTED 或 ASSIGNED",
                    "status must be DRAFT, SUBMITTED, APPROVED, REJECTED or ASSIGNED");
        }
        String filter = status == null ? null : status.toUpperCase(Locale.ROOT);
        return Caller.of(pool, ctx)
                .compose(c -> applications
                        .list(c.institutionId(), filter)
                        .compose(all -> c.auditRead(
                                audit,
                                "institution.applications_read",
                                "institution:" + c.institutionId(),
                                new JsonObject().put("count", all.size()),
                                Reply.ok(new JsonObject().put("applications", all)))));
    }

    private Future<Reply> detail(RoutingContext ctx) {
        long id = Ids.path(ctx, "id");
        return Caller.of(pool, ctx)
                .compose(c -> Applications.owned(pool, id, c.institutionId())
                        .compose(x -> Applications.detail(pool, id, !c.isInstitution()))
                        .compose(json -> c.auditRead(
                                audit,
                                "institution.application_read",
                                "application:" + id,
                                new JsonObject(),
                                Reply.ok(json))));
    }

    private Future<Reply> upload(RoutingContext ctx) {
        long id = Ids.path(ctx, "id");
        Buffer body = ctx.body().buffer();
        ProofFile file = ProofFile.of(ctx.queryParams().get("fileName"), body == null ? null : body.getBytes());
        return Caller.of(pool, ctx)
                .compose(c -> proofs.upload(
                        c.requireInstitution(), id, file, c.principal().staffId(), c.actor()))
                .map(Reply::created);
    }

    private Future<Reply> review(RoutingContext ctx) {
        long id = Ids.path(ctx, "id");
        JsonObject body = JsonBodies.object(ctx);
        String decision = JsonBodies.requiredString(body, "decision", 10).toUpperCase(Locale.ROOT);
        if (!decision.equals("APPROVE") && !decision.equals("REJECT")) {
            throw Errors.invalid("decision 必须是 APPROVE 或 REJECT", "decision must be APPROVE or REJECT");
        }
        String reason = JsonBodies.optionalString(body, "reason", 1000);
        return Caller.of(pool, ctx)
                .compose(c -> review.review(
                        id, decision.equals("APPROVE"), reason, c.principal().staffId(), c.actor()))
                .map(Reply::ok);
    }

    private void download(RoutingContext ctx) {
        long id;
        try {
            id = Ids.path(ctx, "id");
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        Caller.of(pool, ctx)
                .compose(c -> proofs.load(pool, id)
                        .compose(proof -> c.mayAccess(proof.institutionId())
                                ? Future.succeededFuture(proof)
                                : Future.failedFuture(InstitutionErrors.PROOF_NOT_FOUND.exception()))
                        .compose(proof -> c.auditRead(
                                audit,
                                "institution.proof_read",
                                "application:" + proof.applicationId(),
                                new JsonObject().put("proofId", id),
                                proof)))
                .onSuccess(proof -> ctx.response()
                        .putHeader("Content-Type", proof.mediaType())
                        .putHeader("Cache-Control", "no-store")
                        .putHeader(
                                "Content-Disposition",
                                "attachment; filename*=UTF-8''"
                                        + URLEncoder.encode(proof.fileName(), StandardCharsets.UTF_8)
                                                .replace("+", "%20"))
                        .putHeader("X-Content-SM3", proof.sm3())
                        .end(Buffer.buffer(proof.content())))
                .onFailure(ctx::fail);
    }

    private Future<Reply> arrangements(RoutingContext ctx) {
        return Caller.of(pool, ctx)
                .compose(c -> arrangements
                        .of(c.requireInstitution())
                        .compose(all -> c.auditRead(
                                audit,
                                "institution.arrangements_read",
                                "institution:" + c.institutionId(),
                                new JsonObject().put("count", all.size()),
                                Reply.ok(new JsonObject().put("arrangements", all)))));
    }

    private Future<Reply> results(RoutingContext ctx) {
        return Caller.of(pool, ctx)
                .compose(c -> results.of(c.requireInstitution())
                        .compose(all -> c.auditRead(
                                audit,
                                "institution.results_read",
                                "institution:" + c.institutionId(),
                                new JsonObject().put("count", all.size()),
                                Reply.ok(new JsonObject().put("results", all)))));
    }
}
