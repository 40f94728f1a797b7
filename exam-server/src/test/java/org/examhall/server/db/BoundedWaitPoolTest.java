package org.examhall.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting for a database connection ends once, with a failure, at the bound; nothing then fails a
 * second time on an event loop (issue 16: "Promise already completed"), and a connection that
 * arrives late goes back to the pool.
 */
class BoundedWaitPoolTest {

    private static final long MAX_WAIT_MS = 300;

    private Vertx vertx;
    private final List<Throwable> unhandled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        vertx.exceptionHandler(unhandled::add);
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aWaitPastTheBoundFailsOnceAndTheLateConnectionGoesBack() throws Exception {
        int port = TestServer.shared().server().config().database.embedded.port;
        Pool pool = bounded(new PgConnectOptions()
                .setHost("localhost")
                .setPort(port)
                .setUser("postgres")
                .setDatabase("postgres"));
        SqlConnection held = pool.getConnection().await(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> pool.preparedQuery("SELECT 1").execute().await(10, TimeUnit.SECONDS))
                .hasMessageContaining("Timeout waiting for a database connection");
        held.close().await(10, TimeUnit.SECONDS);

        assertThat(pool.query("SELECT 1").execute().await(10, TimeUnit.SECONDS).size())
                .isEqualTo(1);
        assertThat(unhandled).isEmpty();
    }

    @Test
    void aQueryWithoutADatabaseFailsOnceAndNothingFailsLater() throws Exception {
        Pool pool = bounded(new PgConnectOptions()
                .setHost("127.0.0.1")
                .setPort(TestServer.freePort())
                .setUser("nobody")
                .setDatabase("nothing"));

        assertThatThrownBy(() -> pool.preparedQuery("SELECT 1").execute().await(10, TimeUnit.SECONDS))
                .hasStackTraceContaining("refused");
        Thread.sleep(2 * MAX_WAIT_MS);

        assertThat(unhandled).isEmpty();
    }

    private Pool bounded(PgConnectOptions database) {
        return new BoundedWaitPool(
                vertx,
                PgBuilder.pool()
                        .with(new PoolOptions().setMaxSize(1).setConnectionTimeout(0))
                        .connectingTo(database)
                        .using(vertx)
                        .build(),
                MAX_WAIT_MS);
    }
}
