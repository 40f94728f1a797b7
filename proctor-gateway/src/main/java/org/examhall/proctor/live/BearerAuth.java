package org.examhall.proctor.live;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.examhall.proctor.http.ErrorReplies;
import org.examhall.protocol.http.ApiError;

/**
 * Guards the gateway's API (clip export, holds) with the same credential the gateway presents to
 * exam-server: only exam-server calls these. Compared in constant time.
 */
final class BearerAuth implements Handler<RoutingContext> {

    private final byte[] expected;

    BearerAuth(String token) {
        this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (expected != null
                && header != null
                && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
        } else {
            ErrorReplies.send(ctx, new ApiError(401, "unauthorized", "需要网关凭证", "the gateway credential is required"));
        }
    }
}
