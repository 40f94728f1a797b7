package org.examhall.server.http;

import io.vertx.ext.web.RoutingContext;

/**
 * The headers every answer carries. Pages load only their own scripts and styles (no inline code,
 * so injected markup cannot run); they are never framed. The console embeds the room camera's
 * player from the site's proctor gateway, whose origin is registered at run time, so frames may
 * come from any http(s) origin; the viewing ticket, not the frame source, guards the video.
 */
public final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",
            "connect-src 'self'",
            "frame-src 'self' http: https:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {}

    /** @param strictTransport when TLS terminates in front of the node (http.secureCookies) */
    public static void add(RoutingContext ctx, boolean strictTransport) {
        ctx.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        if (strictTransport) {
            ctx.response().putHeader("Strict-Transport-Security", "max-age=31536000");
        }
        ctx.next();
    }
}
