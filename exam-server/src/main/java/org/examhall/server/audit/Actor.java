package org.examhall.server.audit;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.examhall.server.http.RequestIds;
import org.examhall.server.http.StaffPrincipal;

/** Who is acting and in which request: the part of an audit entry every state change shares. */
public record Actor(String name, String role, String requestId) {

    /** Command-line tools and start-up tasks act as the system. */
    public static Actor system(String tool) {
        return new Actor("system:" + tool, "SYSTEM", "cli-" + UUID.randomUUID());
    }

    public static Actor of(RoutingContext ctx) {
        return StaffPrincipal.of(ctx)
                .map(p -> new Actor(p.username(), p.role().name(), RequestIds.of(ctx)))
                .orElseGet(() -> new Actor("anonymous", "NONE", RequestIds.of(ctx)));
    }

    public AuditEntry entry(String action, String target, JsonObject details) {
        return AuditEntry.now(name, role, action, target, requestId, details);
    }
}
