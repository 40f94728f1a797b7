package org.examhall.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool's connections go to whichever host answers as primary, against two real PostgreSQL servers:
 * past a host that refuses, and to the other host once the primary stops. (A standby's "in recovery"
 * answer is met in load-tests' PostgresFailoverScenarioIT, with Debian's PostgreSQL in streaming
 * replication.)
 */
class PrimaryHostTest {

    @TempDir
    static Path dataDirs;

    private static EmbeddedDatabase first;
    private static EmbeddedDatabase second;
    private Vertx vertx;

    @BeforeAll
    static void startDatabases() {
        first = EmbeddedDatabase.start(dataDirs.resolve("first"), 0);
        second = EmbeddedDatabase.start(dataDirs.resolve("second"), 0);
    }

    @AfterAll
    static void stopDatabases() {
        second.close();
        if (first != null) {
            first.close();
        }
    }

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void findsThePrimaryPastAHostThatRefuses() throws Exception {
        int refusing = TestServer.freePort();
        PrimaryHost primary =
                new PrimaryHost(vertx, endpoint(refusing, second.endpoint().port()));
        assertThat(primary.current()).isEqualTo("none");

        Pool pool = pool(primary);

        assertThat(serverPort(pool)).isEqualTo(second.endpoint().port());
        assertThat(primary.current()).isEqualTo("localhost:" + second.endpoint().port());
    }

    @Test
    void newConnectionsGoToTheOtherHostOnceThePrimaryStops() throws Exception {
        PrimaryHost primary = new PrimaryHost(
                vertx, endpoint(first.endpoint().port(), second.endpoint().port()));
        Pool pool = pool(primary);
        assertThat(serverPort(pool)).isEqualTo(first.endpoint().port());

        first.close();
        first = null;
        long stopped = System.nanoTime();
        Integer answered = null;
        while (answered == null && System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(20)) {
            try {
                answered = serverPort(pool);
            } catch (Exception stillTheOldOne) {
                Thread.sleep(100);
            }
        }

        assertThat(answered).isEqualTo(second.endpoint().port());
        assertThat(primary.current()).isEqualTo("localhost:" + second.endpoint().port());
    }

    @Test
    void withoutAPrimaryTheFailureNamesEveryHost() {
        int one = TestServer.freePort();
        int other = TestServer.freePort();
        PrimaryHost primary = new PrimaryHost(vertx, endpoint(one, other));

        assertThatThrownBy(() -> primary.host().await(10, TimeUnit.SECONDS))
                .hasMessageContaining("no primary")
                .hasMessageContaining("localhost:" + one)
                .hasMessageContaining("localhost:" + other);
        assertThat(primary.current()).isEqualTo("none");
    }

    private static DatabaseEndpoint endpoint(int... ports) {
        StringBuilder hosts = new StringBuilder();
        for (int port : ports) {
            hosts.append(hosts.isEmpty() ? "" : ",").append("localhost:").append(port);
        }
        return DatabaseEndpoint.parse(
                "postgresql://postgres@" + hosts + "/postgres?targetServerType=primary", null, null);
    }

    private Pool pool(PrimaryHost primary) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(2))
                .connectingTo(primary::connectOptions)
                .using(vertx)
                .build();
    }

    /** Which server a pooled connection reached, by the port it listens on. */
    private static int serverPort(Pool pool) throws Exception {
        return Integer.parseInt(pool.query("SHOW port")
                .execute()
                .await(10, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString(0));
    }
}
