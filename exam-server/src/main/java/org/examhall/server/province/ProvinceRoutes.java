package org.examhall.server.province;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
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

/** The outbox view and registration pulls: the bureau's side of the provincial connector. */
final class ProvinceRoutes {

    private final Outbox outbox;
    private final RegistrationPull registrations;
    private final Runnable wake;

    ProvinceRoutes(Outbox outbox, RegistrationPull registrations, Runnable wake) {
        this.outbox = outbox;
        this.registrations = registrations;
        this.wake = wake;
    }

    void register(ApiRouter api) {
        Access bureau = Access.roles(Role.BUREAU_ADMIN);
        api.add(
                HttpMethod.GET,
                "/api/province/outbox",
                bureau,
                "The delivery queue: counts and packages with their last error",
                this::view);
        api.add(
                HttpMethod.POST,
                "/api/province/outbox/:id/retry",
                bureau,
                "Send a failing or rejected package again now",
                ctx -> outbox.retry(Ids.path(ctx, "id"), Actor.of(ctx))
                        .onSuccess(x -> wake.run())
                        .map(Reply::ok));
        api.add(
                HttpMethod.POST,
                "/api/province/registrations/pull",
                bureau,
                "Import the province's new registrations for a scheduled session's operation item as its candidates",
                ctx -> registrations
                        .pull(Ids.requiredId(JsonBodies.object(ctx), "sessionId"), Actor.of(ctx))
                        .map(Reply::ok));
    }

    private Future<Reply> view(RoutingContext ctx) {
        String status = ctx.queryParams().get("status");
        if (status != null) {
            status = status.toUpperCase(Locale.ROOT);
            if (!Outbox.STATUSES.contains(status)) {
                throw Errors.invalid(
                        "status 必须是 PENDING、FAILING、REJECTED 或 DELIVERED",
                        "status must be PENDING, FAILING, REJECTED or DELIVERED");
            }
        }
        Long sessionId = null;
        if (ctx.queryParams().get("sessionId") != null) {
            sessionId = parse(ctx.queryParams().get("sessionId"), "sessionId", 1, Long.MAX_VALUE);
        }
        int limit = ctx.queryParams().get("limit") == null
                ? 100
                : (int) parse(ctx.queryParams().get("limit"), "limit", 1, 500);
        return outbox.view(status, sessionId, limit).map(Reply::ok);
    }

    private static long parse(String value, String name, long min, long max) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Errors.invalid(
                "查询参数 " + name + " 必须是 " + min + " 到 " + max + " 之间的整数",
                "query parameter " + name + " must be a whole number from " + min + " to " + max);
    }
}
