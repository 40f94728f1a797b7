package org.examhall.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.ConnectionBudget;
import org.examhall.server.http.HttpApi;
import org.examhall.server.http.RouteSpec;

/** One event loop's HTTP server. Several instances share the listening port, one per core. */
final class HttpVerticle extends VerticleBase {

    private final ExamhallConfig config;
    private final List<Consumer<ApiRouter>> capabilities;
    private final Consumer<List<RouteSpec>> catalogSink;
    private final IntConsumer portSink;
    private final ConnectionBudget connections;

    HttpVerticle(
            ExamhallConfig config,
            List<Consumer<ApiRouter>> capabilities,
            Consumer<List<RouteSpec>> catalogSink,
            IntConsumer portSink,
            ConnectionBudget connections) {
        this.config = config;
        this.connections = connections;
        this.capabilities = capabilities;
        this.catalogSink = catalogSink;
        this.portSink = portSink;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.http.host)
                .setPort(config.http.port)
                .setCompressionSupported(true)
                .setIdleTimeout(config.http.idleTimeoutSeconds)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxWebSocketMessageSize(64 * 1024);
        Router router =
                HttpApi.build(vertx, config.http, config.security.sessionIdleMinutes, capabilities, catalogSink);
        HttpServer server = vertx.createHttpServer(options)
                .connectionHandler(connections::opened)
                .requestHandler(request -> {
                    if (connections.admit(request)) {
                        router.handle(request);
                    }
                });
        return server.listen().onSuccess(s -> portSink.accept(s.actualPort()));
    }
}
