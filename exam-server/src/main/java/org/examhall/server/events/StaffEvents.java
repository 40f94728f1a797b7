package org.examhall.server.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;
import org.examhall.server.http.SocketFeed;
import org.examhall.server.http.StaffPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live channel to staff consoles: a WebSocket per signed-in staff member, fed from the
 * clustered event bus, so an event published on any node reaches consoles connected to every node.
 * The first event type is the bureau's notice to all staff on duty.
 */
public final class StaffEvents {

    public static final String NOTICES_ADDRESS = "examhall.staff.notices";
    private static final Logger LOG = LoggerFactory.getLogger(StaffEvents.class);

    private final Vertx vertx;
    private final Pool pool;
    private final AuditLog audit;

    public StaffEvents(Vertx vertx, Pool pool, AuditLog audit) {
        this.vertx = vertx;
        this.pool = pool;
        this.audit = audit;
    }

    public void register(ApiRouter api) {
        api.addRaw(
                HttpMethod.GET,
                "/api/events",
                Access.anyStaff(),
                "WebSocket of live events for staff consoles",
                this::connect);
        api.add(
                HttpMethod.POST,
                "/api/notices",
                Access.roles(Role.BUREAU_ADMIN),
                "Send a notice to all staff consoles",
                this::notice);
    }

    private void connect(RoutingContext ctx) {
        StaffPrincipal principal = StaffPrincipal.required(ctx);
        ctx.request()
                .toWebSocket()
                .onSuccess(socket -> attach(socket, principal))
                .onFailure(ctx::fail);
    }

    private void attach(ServerWebSocket socket, StaffPrincipal principal) {
        MessageConsumer<JsonObject> consumer = SocketFeed.attach(vertx, socket, NOTICES_ADDRESS);
        consumer.completion()
                .onSuccess(x -> socket.writeTextMessage(
                        new JsonObject().put("type", "ready").encode()));
        LOG.info("event=staff_console_connected staff={} role={}", principal.username(), principal.role());
    }

    private Future<Reply> notice(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String text = JsonBodies.requiredString(body, "text", 500);
        Actor actor = Actor.of(ctx);
        JsonObject event = new JsonObject()
                .put("type", "notice")
                .put("text", text)
                .put("from", actor.name())
                .put("at", Instant.now().toString());
        return pool.withTransaction(tx ->
                        audit.append(tx, actor.entry("notice.sent", "staff:all", new JsonObject().put("text", text))))
                .map(seq -> {
                    vertx.eventBus().publish(NOTICES_ADDRESS, event);
                    return Reply.created(event.put("auditSeq", seq));
                });
    }
}
