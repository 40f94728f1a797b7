package org.examhall.server.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id that travels in logs, audit entries and error bodies. A caller's
 * {@code X-Request-Id} is kept when it is short and plain, so a load balancer's id stays useful.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "examhall.requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestIds() {}

    public static void assign(RoutingContext ctx) {
        String offered = ctx.request().getHeader(HEADER);
        String id = offered != null && ACCEPTABLE.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? "none" : id;
    }
}
