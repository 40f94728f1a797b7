package org.examhall.server.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The address a request came from, for throttling and the audit log. Behind a reverse proxy
 * listed in {@code http.trustedProxies}, that is the last hop the proxy appended to
 * X-Forwarded-For; a client's own X-Forwarded-For is never believed, or it could pick any address.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(RoutingContext ctx, List<String> trustedProxies) {
        String peer = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        String forwarded = ctx.request().getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].trim();
        return last.isEmpty() ? peer : last;
    }
}
