package org.examhall.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * A staff console's WebSocket fed from an event-bus address until it closes. The node closes
 * connections idle for {@code http.idleTimeoutSeconds} (at least 30), so a quiet console (a room
 * where nothing happens for minutes) is pinged every {@value #PING_SECONDS} s.
 */
public final class SocketFeed {

    public static final int PING_SECONDS = 20;

    private SocketFeed() {}

    public static MessageConsumer<JsonObject> attach(Vertx vertx, ServerWebSocket socket, String address) {
        MessageConsumer<JsonObject> consumer = vertx.eventBus()
                .consumer(
                        address,
                        message -> socket.writeTextMessage(message.body().encode()));
        long pings = vertx.setPeriodic(PING_SECONDS * 1000L, id -> socket.writePing(Buffer.buffer()));
        Runnable stop = () -> {
            vertx.cancelTimer(pings);
            consumer.unregister();
        };
        socket.closeHandler(x -> stop.run());
        socket.exceptionHandler(e -> stop.run());
        return consumer;
    }
}
