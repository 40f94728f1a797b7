package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;
import org.examhall.server.http.StaffPrincipal;

/** The bureau's register of institutions (registration, linked accounts, suspension) and an institution's view of itself. */
final class InstitutionRoutes {

    private final Pool pool;
    private final AuditLog audit;
    private final Institutions institutions;

    InstitutionRoutes(Pool pool, AuditLog audit, Institutions institutions) {
        this.pool = pool;
        this.audit = audit;
        this.institutions = institutions;
    }

    void register(ApiRouter api) {
        Access bureau = Access.roles(Role.BUREAU_ADMIN);
        api.add(
                HttpMethod.POST,
                "/api/institutions",
                bureau,
                "Register a training institution (credit code, training scope)",
                this::create);
        api.add(
                HttpMethod.GET,
                "/api/institutions",
                bureau,
                "Training institutions with their accounts and sanctions",
                ctx -> institutions.list().map(all -> Reply.ok(new JsonObject().put("institutions", all))));
        api.add(
                HttpMethod.GET,
                "/api/institutions/:id",
                bureau,
                "One training institution",
                ctx -> institutions.detail(Ids.path(ctx, "id")).map(Reply::ok));
        api.add(
                HttpMethod.POST,
                "/api/institutions/:id/staff",
                bureau,
                "Link an institution contact account, or record that a proctor works at the institution",
                ctx -> institutions
                        .linkStaff(
                                Ids.path(ctx, "id"), Ids.requiredId(JsonBodies.object(ctx), "staffId"), Actor.of(ctx))
                        .map(Reply::ok));
        api.add(
                HttpMethod.POST,
                "/api/institutions/:id/suspend",
                bureau,
                "Suspend an institution from applying (fraud found), with dates and reason",
                this::suspend);
        api.add(
                HttpMethod.GET,
                "/api/sanctions",
                bureau,
                "Every recorded sanction",
                ctx -> institutions.allSanctions().map(all -> Reply.ok(new JsonObject().put("sanctions", all))));
        api.add(
                HttpMethod.GET,
                "/api/institution/me",
                Access.roles(Role.INSTITUTION),
                "The caller's own institution",
                this::me);
    }

    private Future<Reply> create(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String name = JsonBodies.requiredString(body, "name", 200);
        String code = CreditCode.parse(JsonBodies.requiredString(body, "creditCode", 40))
                .orElseThrow(InstitutionErrors.INVALID_CREDIT_CODE::exception);
        Object scope = body.getValue("scope");
        return institutions
                .register(name, code, OperationItems.parseAll(scope instanceof JsonArray a ? a : null), Actor.of(ctx))
                .map(Reply::created);
    }

    private Future<Reply> suspend(RoutingContext ctx) {
        long id = Ids.path(ctx, "id");
        JsonObject body = JsonBodies.object(ctx);
        LocalDate from = Dates.required(body, "from");
        LocalDate to = Dates.required(body, "to");
        String reason = JsonBodies.requiredString(body, "reason", 1000);
        return institutions
                .suspend(id, from, to, reason, StaffPrincipal.required(ctx).staffId(), Actor.of(ctx))
                .map(Reply::ok);
    }

    private Future<Reply> me(RoutingContext ctx) {
        return Caller.of(pool, ctx)
                .compose(caller -> institutions
                        .detail(caller.requireInstitution())
                        .compose(json -> caller.auditRead(
                                audit,
                                "institution.self_read",
                                "institution:" + caller.institutionId(),
                                new JsonObject(),
                                Reply.ok(json))));
    }
}
