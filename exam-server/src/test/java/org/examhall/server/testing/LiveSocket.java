package org.examhall.server.testing;

import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A staff WebSocket (console live feed, event stream) as a test reads it. The message handler is set
 * before the upgrade, so a message the server sends right after accepting (the grid snapshot, the
 * ready line) is queued and never dropped for want of a handler.
 */
public final class LiveSocket implements AutoCloseable {

    private final Vertx vertx;
    private final ClientWebSocket socket;
    private final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();

    private LiveSocket(int port, String uri, String sessionCookie) throws TimeoutException {
        this.vertx = Vertx.vertx();
        this.socket = vertx.createWebSocketClient().webSocket();
        socket.textMessageHandler(text -> messages.add(new JsonObject(text)));
        try {
            socket.connect(new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(port)
                            .setURI(uri)
                            .addHeader("Cookie", "examhall.sid=" + sessionCookie))
                    .await(30, TimeUnit.SECONDS);
        } catch (RuntimeException | TimeoutException e) {
            vertx.close();
            throw e;
        }
    }

    /**
     * Opens the socket as the console does: a handshake cut off by the network (seen once in a full
     * run on a loaded machine, with nothing logged by the server) is tried again, as the console's
     * own reconnect would; a refusal (401, 403) is not.
     */
    public static LiveSocket open(int port, String uri, String sessionCookie) throws TimeoutException {
        for (int attempt = 1; ; attempt++) {
            try {
                return new LiveSocket(port, uri, sessionCookie);
            } catch (RuntimeException e) {
                boolean cutOff = e instanceof WebSocketHandshakeException
                        && String.valueOf(e.getMessage()).contains("Connection closed");
                if (!cutOff || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The next message, or null when none came within the wait. */
    public JsonObject next(long seconds) throws InterruptedException {
        return messages.poll(seconds, TimeUnit.SECONDS);
    }

    /**
     * The next message of this type within the wait, or null; messages of other types are skipped.
     * A seat's update reaches consoles up to 200 ms after the change (RoomEvents groups a room's
     * changes), so it may arrive between the messages a test waits for.
     */
    public JsonObject nextOfType(String type, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            JsonObject message = messages.poll(left, TimeUnit.NANOSECONDS);
            if (message == null || type.equals(message.getString("type"))) {
                return message;
            }
        }
        return null;
    }

    @Override
    public void close() throws TimeoutException {
        try {
            if (!socket.isClosed()) {
                socket.close().await(10, TimeUnit.SECONDS);
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
