package org.examhall.server.health;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Reply;

/**
 * {@code POST /drain}, which the Kubernetes preStop hook calls inside the node's own container: only from
 * loopback, and never through a proxy (a request that carries X-Forwarded-For came through one, even when
 * the proxy runs on this machine), so that nobody outside can take a node out of service.
 */
public final class DrainRoutes {

    private final Drain drain;

    public DrainRoutes(Drain drain) {
        this.drain = drain;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.POST,
                "/drain",
                Access.PUBLIC,
                "Take this node out of service before it stops (loopback only)",
                this::drain);
    }

    private Future<Reply> drain(RoutingContext ctx) {
        if (!fromThisMachine(ctx)) {
            return Future.failedFuture(Errors.FORBIDDEN.exception());
        }
        return drain.run()
                .map(left -> Reply.ok(new JsonObject()
                        .put("status", left == 0 ? "DRAINED" : "TIMED_OUT")
                        .put("autosavesInFlight", left)));
    }

    private static boolean fromThisMachine(RoutingContext ctx) {
        SocketAddress peer = ctx.request().remoteAddress();
        if (peer == null || peer.hostAddress() == null || ctx.request().getHeader("X-Forwarded-For") != null) {
            return false;
        }
        try {
            return InetAddress.getByName(peer.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
