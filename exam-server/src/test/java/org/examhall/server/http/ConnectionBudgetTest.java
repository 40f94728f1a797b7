package org.examhall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node at its connection ceiling answers new connections 503 with Retry-After and closes them,
 * instead of running out of file descriptors; the connections it holds keep working, and once some
 * close, new ones are served again.
 */
class ConnectionBudgetTest {

    private static final int CEILING = 5;
    private static TestServer node;

    @BeforeAll
    static void startSmallNode() {
        node = TestServer.start(config -> config.http.maxConnections = CEILING);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void pastTheCeilingNewConnectionsAreToldToRetryAndHeldOnesKeepWorking() throws InterruptedException {
        List<ApiClient> held = new ArrayList<>();
        for (int i = 0; i < CEILING; i++) {
            ApiClient client = node.client();
            assertThat(client.get("/health").statusCode()).isEqualTo(200);
            held.add(client);
        }
        assertThat(node.server().connections().open()).isEqualTo(CEILING);

        HttpResponse<Buffer> turnedAway = node.client().get("/health");
        assertThat(turnedAway.statusCode()).isEqualTo(503);
        assertThat(turnedAway.getHeader("Retry-After")).isEqualTo("5");
        assertThat(turnedAway.bodyAsJsonObject().getString("code")).isEqualTo("SERVER_BUSY");
        assertThat(turnedAway.bodyAsJsonObject().getJsonObject("message").getString("zh"))
                .isNotBlank();
        // A held keep-alive connection is still served.
        assertThat(held.get(0).get("/health").statusCode()).isEqualTo(200);

        held.remove(held.size() - 1).close();
        held.remove(held.size() - 1).close();
        long until = System.currentTimeMillis() + 10_000;
        while (node.server().connections().open() > CEILING - 1 && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertThat(node.client().get("/health").statusCode()).isEqualTo(200);
        held.forEach(ApiClient::close);
    }
}
