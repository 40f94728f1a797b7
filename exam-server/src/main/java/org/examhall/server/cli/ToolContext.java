package org.examhall.server.cli;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.examhall.server.ExamServer;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.db.DatabaseEndpoint;
import org.examhall.server.db.EmbeddedDatabase;
import org.examhall.server.db.PrimaryHost;
import org.examhall.server.db.SchemaMigrations;

/**
 * What a one-shot command needs: a (non-clustered) Vert.x and a pool on the node's database. With the
 * embedded default it attaches to the database of a running demo, or starts it for the command's duration.
 */
final class ToolContext implements AutoCloseable {

    final Vertx vertx;
    final Pool pool;
    private final EmbeddedDatabase owned;

    private ToolContext(Vertx vertx, Pool pool, EmbeddedDatabase owned) {
        this.vertx = vertx;
        this.pool = pool;
        this.owned = owned;
    }

    static ToolContext open(ExamhallConfig config) {
        DatabaseEndpoint endpoint;
        EmbeddedDatabase owned = null;
        if (!config.database.isEmbedded()) {
            endpoint = ExamServer.externalDatabase(config);
        } else {
            Path dataDir = config.dataPath().resolve("pg");
            int port = config.database.embedded.port;
            if (port > 0 && Files.exists(dataDir.resolve("postmaster.pid")) && reachable(port)) {
                endpoint = new DatabaseEndpoint("localhost", port, "postgres", "postgres", null);
            } else {
                owned = EmbeddedDatabase.start(dataDir, port);
                endpoint = owned.endpoint();
            }
        }
        SchemaMigrations.migrate(endpoint);
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(2))
                .connectingTo(new PrimaryHost(vertx, endpoint)::connectOptions)
                .using(vertx)
                .build();
        return new ToolContext(vertx, pool, owned);
    }

    private static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close().await();
        vertx.close().await();
        if (owned != null) {
            owned.close();
        }
    }
}
