package org.examhall.proctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.examhall.proctor.config.ExamServerSettings;
import org.examhall.proctor.detect.Anomaly;
import org.examhall.proctor.detect.AnomalyType;
import org.examhall.proctor.detect.Detail;
import org.examhall.proctor.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyReporterTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A stand-in for exam-server's endpoint that refuses the first {@code failures} requests with 503. */
    private HttpServer examServer(int failures) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        return vertx.createHttpServer()
                .requestHandler(request -> {
                    if (!request.path().equals("/api/gateway/anomalies")
                            || !"POST".equals(request.method().name())) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    request.body().onSuccess(body -> {
                        if (calls.incrementAndGet() <= failures) {
                            request.response().setStatusCode(503).end();
                            return;
                        }
                        authorizations.add(request.getHeader("Authorization"));
                        received.add(body.toJsonObject());
                        request.response().setStatusCode(202).end();
                    });
                })
                .listen(0)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static Anomaly talking(Instant start, Instant end) {
        return new Anomaly(
                "a-1",
                "site1",
                "room-101",
                "cam1",
                AnomalyType.TALKING,
                start,
                end,
                0.83,
                "http://gw:8090/play/room-101?camera=cam1&from=x&to=y",
                new Detail("人声高于环境音", "voice above ambient"));
    }

    private void awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** The server counts a report before its answer is back at the gateway, which only then empties the outbox. */
    private static void awaitDrained(Outbox outbox) throws InterruptedException {
        Await.until(Duration.ofSeconds(15), () -> outbox.pending().isEmpty());
    }

    @Test
    void anomaliesArePostedWithTheBearerTokenAndRetriedUntilAcknowledged() throws Exception {
        HttpServer server = examServer(2);
        Outbox outbox = new Outbox(dir.resolve("outbox.jsonl"));
        AnomalyReporter reporter = new AnomalyReporter(
                vertx, new ExamServerSettings("http://127.0.0.1:" + server.actualPort(), "gw-secret"), outbox);
        Instant start = Instant.parse("2026-03-02T01:15:00Z");
        reporter.report(talking(start, null));
        awaitReceived(1);
        reporter.report(talking(start, start.plusSeconds(4)));
        awaitReceived(2);

        assertThat(received).hasSize(2);
        assertThat(authorizations).containsOnly("Bearer gw-secret");
        JsonObject first = received.get(0);
        assertThat(first.getString("type")).isEqualTo("TALKING");
        assertThat(first.getString("room")).isEqualTo("room-101");
        assertThat(first.getString("startedAt")).isEqualTo("2026-03-02T01:15:00Z");
        assertThat(first.containsKey("endedAt")).isTrue();
        assertThat(first.getString("endedAt")).isNull();
        assertThat(first.getDouble("confidence")).isEqualTo(0.83);
        assertThat(first.getString("clipUrl")).startsWith("http://gw:8090/play/room-101");
        assertThat(received.get(1).getString("endedAt")).isEqualTo("2026-03-02T01:15:04Z");
        assertThat(received.get(1).getString("id")).isEqualTo(first.getString("id"));
        awaitDrained(outbox);
        reporter.close();
        outbox.close();
    }

    @Test
    void anAnomalyRaisedWhileExamServerIsDownSurvivesARestartOfTheGateway() throws Exception {
        Outbox outbox = new Outbox(dir.resolve("outbox.jsonl"));
        // Nothing listens on this port: every delivery fails.
        AnomalyReporter offline =
                new AnomalyReporter(vertx, new ExamServerSettings("http://127.0.0.1:9", "gw-secret"), outbox);
        Instant start = Instant.parse("2026-03-02T01:15:00Z");
        offline.report(talking(start, null));
        offline.report(talking(start, start.plusSeconds(4)));
        offline.close();
        outbox.close();

        HttpServer server = examServer(0);
        Outbox reopened = new Outbox(dir.resolve("outbox.jsonl"));
        assertThat(reopened.pending()).hasSize(1);
        AnomalyReporter reporter = new AnomalyReporter(
                vertx, new ExamServerSettings("http://127.0.0.1:" + server.actualPort(), "gw-secret"), reopened);
        awaitReceived(1);
        // The unsent "started" state was superseded by the "ended" one: the server never sees it reopened.
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getString("endedAt")).isEqualTo("2026-03-02T01:15:04Z");
        awaitDrained(reopened);
        reporter.close();
        reopened.close();
    }

    @Test
    void anOutboxWrittenBeforeItCarriedOtherReportsIsStillDelivered() throws Exception {
        // The journal format of gateways from before archive heads: the anomaly itself under "anomaly".
        Files.writeString(
                dir.resolve("outbox.jsonl"),
                new JsonObject()
                                .put("op", "put")
                                .put("version", 3)
                                .put(
                                        "anomaly",
                                        AnomalyJson.toJson(talking(Instant.parse("2026-03-02T01:15:00Z"), null)))
                                .encode()
                        + "\n");
        HttpServer server = examServer(0);
        Outbox outbox = new Outbox(dir.resolve("outbox.jsonl"));
        assertThat(outbox.pending()).extracting(Outbox.Pending::key).containsExactly("a-1");
        AnomalyReporter reporter = new AnomalyReporter(
                vertx, new ExamServerSettings("http://127.0.0.1:" + server.actualPort(), "gw-secret"), outbox);
        awaitReceived(1);
        assertThat(received.get(0).getString("id")).isEqualTo("a-1");
        assertThat(received.get(0).getString("type")).isEqualTo("TALKING");
        reporter.close();
        outbox.close();
    }
}
