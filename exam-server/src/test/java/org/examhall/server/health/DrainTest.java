package org.examhall.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.examhall.server.http.Draining;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The drain the Kubernetes preStop hook calls: on a node of its own (a drained node does not come back),
 * /health turns 503 and a terminal cannot bind a new candidate here; nobody but the node's own machine,
 * and never through a proxy, may drain it; and a drain waits for the autosaves in flight.
 */
class DrainTest {

    @Test
    void aDrainFromLoopbackTakesTheNodeOutOfServiceAndOnlyFromThere() throws Exception {
        try (TestServer node = TestServer.start(config -> {})) {
            ExamRoom room = ExamRoom.create(node, 25);
            ApiClient terminal = room.terminalClient(1);
            JsonObject unknownTicket = new JsonObject().put("ticketNo", "NO-SUCH-TICKET");
            int beforeDrain =
                    terminal.post("/api/terminal/confirm", unknownTicket).statusCode();
            assertThat(beforeDrain).as("confirm before the drain").isBetween(400, 499);

            HttpResponse<Buffer> proxied =
                    node.client().withHeader("X-Forwarded-For", "127.0.0.1").post("/drain", null);
            ExamRoom.assertCode(proxied, 403, "FORBIDDEN");
            assertThat(node.client().get("/health").statusCode())
                    .as("health after a refused drain")
                    .isEqualTo(200);

            // What the Kubernetes preStop hook runs inside the pod (deploy/kubernetes/exam-server-statefulset.yaml).
            Process hook = new ProcessBuilder(
                            "wget",
                            "-q",
                            "-T",
                            "60",
                            "-t",
                            "1",
                            "-O",
                            "-",
                            "--post-data=",
                            "http://127.0.0.1:" + node.port() + "/drain")
                    .redirectErrorStream(true)
                    .start();
            JsonObject drained =
                    new JsonObject(new String(hook.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertThat(hook.waitFor()).as("wget's exit status").isZero();
            assertThat(drained.getString("status")).isEqualTo("DRAINED");
            assertThat(drained.getInteger("autosavesInFlight")).isZero();

            HttpResponse<Buffer> health = node.client().get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("DRAINING");
            ExamRoom.assertCode(terminal.post("/api/terminal/confirm", unknownTicket), 503, "NODE_DRAINING");
        }
    }

    @Test
    void aDrainWaitsForTheAutosavesInFlightAndGivesUpAtItsLimit() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AtomicInteger inFlight = new AtomicInteger(2);
            Draining draining = new Draining();
            Future<Integer> drained = new Drain(vertx, draining, inFlight::get, 10_000).run();

            Thread.sleep(300);
            assertThat(draining.active()).isTrue();
            assertThat(drained.isComplete())
                    .as("drained with autosaves in flight")
                    .isFalse();
            inFlight.set(0);
            assertThat(drained.await(5, TimeUnit.SECONDS)).isZero();

            inFlight.set(3);
            long started = System.nanoTime();
            Integer left = new Drain(vertx, draining, inFlight::get, 200).run().await(5, TimeUnit.SECONDS);
            assertThat(left).isEqualTo(3);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .isBetween(200L, 3_000L);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
