package org.examhall.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;

/** The simulator's HTTP clients: Vert.x Web Client, HTTP/1.1 keep-alive pools, no pipelining. */
final class Http {

    private Http() {}

    /**
     * A client for one base URL.
     *
     * @param connections the most keep-alive connections the pool opens
     */
    static WebClient client(Vertx vertx, URI base, int connections) {
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        WebClientOptions options = new WebClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(port)
                .setSsl(tls)
                .setTrustAll(tls)
                .setVerifyHost(false)
                .setKeepAlive(true)
                .setKeepAliveTimeout(120)
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setFollowRedirects(false)
                .setUserAgent("examhall-load/terminal-simulator")
                .setConnectTimeout(10_000);
        // No pool cleaner: each client's cleaner is a timer every second, and with a client per terminal
        // 10,000 of them a second took the simulator's event loops from the terminals they simulate.
        // A connection the server closes leaves the pool when it closes.
        return WebClient.create(
                vertx,
                options,
                new PoolOptions()
                        .setHttp1MaxSize(connections)
                        .setMaxWaitQueueSize(-1)
                        .setCleanerPeriod(0));
    }

    /** The body of a 2xx response as JSON (an empty object for 204), or an {@link ApiFailure}. */
    static Future<JsonObject> json(String what, HttpResponse<Buffer> response) {
        if (response.statusCode() / 100 != 2) {
            return Future.failedFuture(ApiFailure.of(what, response));
        }
        Buffer body = response.body();
        return Future.succeededFuture(body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject());
    }
}
