package org.examhall.server.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Ids;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;
import org.examhall.server.http.SocketFeed;
import org.examhall.server.http.StaffPrincipal;
import org.examhall.server.sessions.ProctorAssignments;

/**
 * The proctor console's data: the room grid, and a WebSocket that first sends the whole grid and
 * then every change of the session as it happens (from any node, through the clustered event bus).
 */
public final class ConsoleRoutes {

    private final Vertx vertx;
    private final Pool pool;
    private final RoomGrid grid;
    private final KioskSignals signals;

    public ConsoleRoutes(Vertx vertx, Pool pool, RoomGrid grid, KioskSignals signals) {
        this.vertx = vertx;
        this.pool = pool;
        this.grid = grid;
        this.signals = signals;
    }

    public void register(ApiRouter api) {
        Access watchers = Access.roles(Role.PROCTOR, Role.BUREAU_ADMIN);
        api.add(HttpMethod.GET, "/api/sessions/:id/grid", watchers, "The room grid of a session", this::grid);
        api.add(
                HttpMethod.GET,
                "/api/sessions/:id/signals",
                watchers,
                "The kiosk signals of a session, newest first",
                this::signals);
        api.addRaw(
                HttpMethod.GET,
                "/api/sessions/:id/live",
                watchers,
                "WebSocket: the room grid, then its changes",
                this::live);
    }

    private Future<Void> allowed(RoutingContext ctx, long sessionId) {
        return ProctorAssignments.requireIfProctor(pool, sessionId, StaffPrincipal.required(ctx));
    }

    private Future<Reply> grid(RoutingContext ctx) {
        long sessionId = Ids.path(ctx, "id");
        return allowed(ctx, sessionId)
                .compose(x -> grid.seats(sessionId))
                .map(seats ->
                        Reply.ok(new JsonObject().put("sessionId", sessionId).put("seats", seats)));
    }

    private Future<Reply> signals(RoutingContext ctx) {
        long sessionId = Ids.path(ctx, "id");
        return allowed(ctx, sessionId)
                .compose(x -> signals.history(sessionId))
                .map(list ->
                        Reply.ok(new JsonObject().put("sessionId", sessionId).put("signals", list)));
    }

    private void live(RoutingContext ctx) {
        long sessionId;
        try {
            sessionId = Ids.path(ctx, "id");
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        // The upgrade must wait for the assignment check: hold the request until then, or it counts as read.
        ctx.request().pause();
        allowed(ctx, sessionId)
                .compose(x -> ctx.request().toWebSocket())
                .onSuccess(socket -> attach(socket, sessionId))
                .onFailure(ctx::fail);
    }

    private void attach(ServerWebSocket socket, long sessionId) {
        MessageConsumer<JsonObject> consumer = SocketFeed.attach(vertx, socket, RoomEvents.address(sessionId));
        // Subscribe first, then send the snapshot: a change in between arrives after it, never lost.
        consumer.completion()
                .compose(x -> grid.seats(sessionId))
                .onSuccess(seats -> socket.writeTextMessage(
                        new JsonObject().put("type", "grid").put("seats", seats).encode()))
                .onFailure(e -> socket.close((short) 1011, "grid unavailable"));
    }
}
