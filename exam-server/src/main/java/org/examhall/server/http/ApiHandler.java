package org.examhall.server.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.examhall.protocol.http.ApiException;

/**
 * A route's logic: returns its reply asynchronously; any failure (an {@link ApiException} or
 * anything unexpected) is turned into the one error format by {@link FailureResponder}.
 */
@FunctionalInterface
public interface ApiHandler {
    Future<Reply> handle(RoutingContext ctx) throws Exception;
}
