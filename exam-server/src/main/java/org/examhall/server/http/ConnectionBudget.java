package org.examhall.server.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the node's open HTTP connections under a ceiling set below the process's file-descriptor
 * limit, so that connections never take the descriptors the node needs for itself (the database
 * pool, the cluster, the audit anchor, logs, uploads). Past the ceiling a request is answered
 * 503 with Retry-After and its connection closed at once, rather than the acceptor failing with
 * "Too many open files" for everyone. One budget is shared by all the node's HTTP verticles.
 */
public final class ConnectionBudget {

    static final int RETRY_AFTER_SECONDS = 5;

    private final int ceiling;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionBudget(int ceiling) {
        this.ceiling = ceiling;
    }

    /** Counts a connection for as long as it stays open. */
    public void opened(HttpConnection connection) {
        open.incrementAndGet();
        connection.closeHandler(x -> open.decrementAndGet());
    }

    /** Whether the request may go on; if not, it has been answered and its connection is closing. */
    public boolean admit(HttpServerRequest request) {
        if (open.get() <= ceiling) {
            return true;
        }
        request.response()
                .setStatusCode(503)
                .putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .putHeader("Connection", "close")
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject(Errors.SERVER_BUSY.body(UUID.randomUUID().toString())).encode());
        return false;
    }

    public int open() {
        return open.get();
    }
}
