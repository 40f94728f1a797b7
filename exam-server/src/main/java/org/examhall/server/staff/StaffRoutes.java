package org.examhall.server.staff;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;

/** Staff administration by the bureau: create accounts (with TOTP enrolment) and lift lock-outs. */
public final class StaffRoutes {

    private final StaffDirectory directory;
    private final StaffProvisioning provisioning;

    public StaffRoutes(StaffDirectory directory, StaffProvisioning provisioning) {
        this.directory = directory;
        this.provisioning = provisioning;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.GET,
                "/api/staff",
                Access.roles(Role.BUREAU_ADMIN, Role.AUDITOR),
                "List staff accounts",
                this::list);
        api.add(HttpMethod.POST, "/api/staff", Access.roles(Role.BUREAU_ADMIN), "Create a staff account", this::create);
        api.add(
                HttpMethod.POST,
                "/api/staff/:id/unlock",
                Access.roles(Role.BUREAU_ADMIN),
                "Lift a sign-in lock-out",
                this::unlock);
    }

    private Future<Reply> list(RoutingContext ctx) {
        return directory.all().map(accounts -> {
            JsonArray out = new JsonArray();
            accounts.forEach(a -> out.add(a.publicJson()));
            return Reply.ok(new JsonObject().put("staff", out));
        });
    }

    private Future<Reply> create(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String username = JsonBodies.requiredString(body, "username", 64).toLowerCase(Locale.ROOT);
        String displayName = JsonBodies.requiredString(body, "displayName", 100);
        String password = JsonBodies.requiredString(body, "password", 256);
        Role role = parseRole(JsonBodies.requiredString(body, "role", 32));
        return provisioning
                .create(username, displayName, role, password, role.requiresSecondFactor(), Actor.of(ctx))
                .map(c -> Reply.created(c.toJson()));
    }

    private Future<Reply> unlock(RoutingContext ctx) {
        long id = Ids.path(ctx, "id");
        return provisioning.unlock(id, Actor.of(ctx)).map(x -> Reply.noContent());
    }

    private static Role parseRole(String value) {
        try {
            return Role.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Errors.invalid(
                    "角色必须是 BUREAU_ADMIN、PROCTOR、INSTITUTION 或 AUDITOR",
                    "role must be BUREAU_ADMIN, PROCTOR, INSTITUTION or AUDITOR");
        }
    }
}
