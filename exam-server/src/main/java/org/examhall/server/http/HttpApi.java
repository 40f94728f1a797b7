package org.examhall.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.examhall.server.config.ExamhallConfig;

/**
 * Builds the router every HTTP verticle serves: request ids, body limits, cluster-wide sessions,
 * the capability routes, the static pages, and the one error format for everything else.
 */
public final class HttpApi {

    public static final String SESSION_COOKIE = "examhall.sid";

    /** An autosave of 500 answer changes is about 30 KB. */
    static final long SMALL_BODY_BYTES = 64 * 1024;

    private HttpApi() {}

    /**
     * @param capabilities each registers its routes on the {@link ApiRouter}
     * @param catalogSink  receives the declared routes (for the role-matrix test and the OpenAPI check)
     */
    public static Router build(
            Vertx vertx,
            ExamhallConfig.Http http,
            int sessionIdleMinutes,
            List<Consumer<ApiRouter>> capabilities,
            Consumer<List<RouteSpec>> catalogSink) {
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::assign);
        router.route().handler(ctx -> SecurityHeaders.add(ctx, http.secureCookies));
        // Sign-in and the terminals' routes take small JSON only: a large body there is an attack, not an upload.
        BodyHandler small = BodyHandler.create(false).setBodyLimit(SMALL_BODY_BYTES);
        for (String path : List.of("/api/auth/*", "/api/terminal/*", "/api/exam/*")) {
            router.route(path).method(HttpMethod.POST).handler(small);
        }
        BodyHandler body = BodyHandler.create(false).setBodyLimit(http.bodyLimitBytes);
        router.route()
                .method(HttpMethod.POST)
                .method(HttpMethod.PUT)
                .method(HttpMethod.PATCH)
                .method(HttpMethod.DELETE)
                .handler(body);
        router.route()
                .handler(SessionHandler.create(
                                new SignOutProofSessionStore(vertx, TimeUnit.MINUTES.toMillis(sessionIdleMinutes)))
                        .setSessionCookieName(SESSION_COOKIE)
                        .setCookieHttpOnlyFlag(true)
                        .setCookieSecureFlag(http.secureCookies)
                        .setCookieSameSite(CookieSameSite.STRICT)
                        .setSessionTimeout(TimeUnit.MINUTES.toMillis(sessionIdleMinutes))
                        .setLazySession(true));

        ApiRouter api = new ApiRouter(router);
        capabilities.forEach(c -> c.accept(api));
        catalogSink.accept(api.catalog());

        router.route("/api/*").handler(ctx -> ctx.fail(Errors.NOT_FOUND.exception()));
        router.route()
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(StaticHandler.create("webroot")
                        .setIndexPage("index.html")
                        .setCachingEnabled(false)
                        .setDefaultContentEncoding("UTF-8"));
        router.route().failureHandler(FailureResponder::respond);
        router.errorHandler(404, ctx -> FailureResponder.send(ctx, Errors.NOT_FOUND));
        router.errorHandler(405, ctx -> FailureResponder.send(ctx, Errors.METHOD_NOT_ALLOWED));
        router.errorHandler(413, ctx -> FailureResponder.send(ctx, Errors.BODY_TOO_LARGE));
        router.errorHandler(500, FailureResponder::respond);
        return router;
    }
}
