package org.examhall.server.pii;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.examhall.protocol.http.ApiError;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;

/**
 * Registering and finding exam candidates by ID number. The look-up is a POST so the ID number
 * travels in the body, never in a URL that proxies and access logs would keep.
 */
public final class PersonRoutes {

    public static final ApiError INVALID_ID_NUMBER = new ApiError(
            400,
            "INVALID_ID_NUMBER",
            "身份证号无效（长度、出生日期或校验位不符合 GB 11643）",
            "Invalid resident ID number (length, birth date or GB 11643 check digit)");
    public static final ApiError PERSON_NOT_FOUND =
            new ApiError(404, "PERSON_NOT_FOUND", "未找到该身份证号对应的人员", "No person with this ID number");

    private final PersonRegistry registry;
    private final AuditLog audit;

    public PersonRoutes(PersonRegistry registry, AuditLog audit) {
        this.audit = audit;
        this.registry = registry;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.POST,
                "/api/persons",
                Access.roles(Role.BUREAU_ADMIN),
                "Register an exam candidate",
                this::create);
        // Proctors find candidates through their own session's check-in, never in the whole register.
        api.add(
                HttpMethod.POST,
                "/api/persons/lookup",
                Access.roles(Role.BUREAU_ADMIN),
                "Find a candidate by ID number (audited)",
                this::lookup);
    }

    private Future<Reply> create(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String fullName = JsonBodies.requiredString(body, "fullName", 100);
        ResidentIdNumber id = idNumber(body);
        return registry.register(fullName, id, Actor.of(ctx)).map(p -> Reply.created(p.toJson()));
    }

    private Future<Reply> lookup(RoutingContext ctx) {
        ResidentIdNumber id = idNumber(JsonBodies.object(ctx));
        return registry.findByIdNumber(id)
                .compose(found -> audit.append(Actor.of(ctx)
                                .entry(
                                        "person.looked_up",
                                        found.map(p -> "person:" + p.id()).orElse("person:unknown"),
                                        new JsonObject()
                                                .put("idNumberMasked", id.masked())
                                                .put("found", found.isPresent())))
                        .map(seq -> Reply.ok(
                                found.orElseThrow(PERSON_NOT_FOUND::exception).toJson())));
    }

    private static ResidentIdNumber idNumber(JsonObject body) {
        return ResidentIdNumber.parse(JsonBodies.requiredString(body, "idNumber", 32))
                .orElseThrow(INVALID_ID_NUMBER::exception);
    }
}
