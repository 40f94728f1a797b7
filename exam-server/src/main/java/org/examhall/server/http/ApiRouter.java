package org.examhall.server.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Registers API routes together with who may call them. Every route goes through here, so none can
 * be added without an access declaration, and the catalog is complete for the role-matrix test.
 */
public final class ApiRouter {

    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final Router router;
    private final List<RouteSpec> catalog = new ArrayList<>();

    public ApiRouter(Router router) {
        this.router = router;
    }

    public List<RouteSpec> catalog() {
        return Collections.unmodifiableList(catalog);
    }

    public void add(HttpMethod method, String path, Access access, String summary, ApiHandler handler) {
        addRaw(method, path, access, summary, ctx -> run(ctx, handler));
    }

    /** For routes that write their own response (WebSocket upgrades, streams, static documents). */
    public void addRaw(HttpMethod method, String path, Access access, String summary, Handler<RoutingContext> handler) {
        RouteSpec spec = new RouteSpec(method, path, access, summary);
        catalog.add(spec);
        router.route(method, path).handler(ctx -> guard(ctx, spec)).handler(handler);
    }

    private static void guard(RoutingContext ctx, RouteSpec spec) {
        if (spec.access().open()) {
            ctx.next();
            return;
        }
        StaffPrincipal principal = StaffPrincipal.of(ctx).orElse(null);
        if (principal == null) {
            ctx.fail(Errors.UNAUTHENTICATED.exception());
            return;
        }
        if (!spec.access().allows(principal.role())) {
            ctx.fail(Errors.FORBIDDEN.exception());
            return;
        }
        if (spec.changesState() && !csrfMatches(ctx.request().getHeader(CSRF_HEADER), principal.csrfToken())) {
            ctx.fail(Errors.CSRF_TOKEN_INVALID.exception());
            return;
        }
        ctx.next();
    }

    private static boolean csrfMatches(String offered, String expected) {
        return offered != null
                && expected != null
                && MessageDigest.isEqual(
                        offered.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static void run(RoutingContext ctx, ApiHandler handler) {
        Future<Reply> reply;
        try {
            reply = handler.handle(ctx);
        } catch (Exception e) {
            ctx.fail(e);
            return;
        }
        reply.onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
            } else {
                write(ctx, result.result());
            }
        });
    }

    private static void write(RoutingContext ctx, Reply reply) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(reply.status()).putHeader("Cache-Control", "no-store");
        if (reply.body() == null) {
            ctx.response().end();
            return;
        }
        Buffer encoded;
        if (reply.body() instanceof Buffer json) {
            encoded = json;
        } else if (reply.body() instanceof JsonObject json) {
            encoded = json.toBuffer();
        } else if (reply.body() instanceof JsonArray array) {
            encoded = array.toBuffer();
        } else {
            encoded = Buffer.buffer(Json.encode(reply.body()));
        }
        ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(encoded);
    }
}
