package org.examhall.proctor.report;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.examhall.proctor.config.ExamServerSettings;
import org.examhall.proctor.log.LogEvent;

/**
 * Delivers one {@link Outbox} to one exam-server endpoint: {@code POST {url}{path}} with the gateway's bearer
 * token. A report leaves the outbox only on a 2xx answer, or on a 409, which is exam-server's recorded
 * refusal: sending it again would be refused again. Failures are retried with exponential backoff (1 s
 * doubling to 60 s), one delivery in flight at a time, so the server sees each key's reports in order.
 */
final class OutboxSender {

    private static final System.Logger LOG = System.getLogger(OutboxSender.class.getName());
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long MAX_RETRY_MILLIS = 60_000;
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    /** All delivery state is touched on this one context, whichever thread queues a report. */
    private final Context context;

    private final WebClient client;
    private final String endpoint;
    private final String token;
    private final Outbox outbox;
    private boolean inFlight;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private long retryTimer = -1;

    OutboxSender(Vertx vertx, ExamServerSettings settings, String path, Outbox outbox) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = WebClient.create(vertx);
        this.endpoint = settings.url().replaceAll("/+$", "") + path;
        this.token = settings.token();
        this.outbox = outbox;
        context.runOnContext(v -> pump());
    }

    /** Safe from any thread, but not the event loop: the report is on disk (fsynced) when this returns. */
    void send(String key, JsonObject body) {
        outbox.put(key, body);
        context.runOnContext(v -> {
            // New work: do not wait out a long backoff meant for an old failure.
            if (retryTimer >= 0 && vertx.cancelTimer(retryTimer)) {
                retryTimer = -1;
                retryMillis = FIRST_RETRY_MILLIS;
            }
            pump();
        });
    }

    private void pump() {
        if (inFlight || retryTimer >= 0) {
            return;
        }
        Outbox.Pending next = outbox.next().orElse(null);
        if (next == null) {
            return;
        }
        inFlight = true;
        client.postAbs(endpoint)
                .putHeader("Authorization", "Bearer " + token)
                .timeout(TIMEOUT_MILLIS)
                .sendJsonObject(next.body())
                .onComplete(result -> {
                    inFlight = false;
                    HttpResponse<Buffer> response = result.succeeded() ? result.result() : null;
                    if (response != null && (response.statusCode() / 100 == 2 || response.statusCode() == 409)) {
                        if (response.statusCode() == 409) {
                            LogEvent.of("report_refused")
                                    .with("endpoint", endpoint)
                                    .with("key", next.key())
                                    .with("answer", response.bodyAsString())
                                    .log(LOG, System.Logger.Level.ERROR);
                        }
                        outbox.ack(next);
                        retryMillis = FIRST_RETRY_MILLIS;
                        pump();
                    } else {
                        LogEvent.of("report_not_taken")
                                .with("endpoint", endpoint)
                                .with("key", next.key())
                                .with(
                                        "error",
                                        response != null
                                                ? "HTTP " + response.statusCode()
                                                : result.cause().getMessage())
                                .with("retry_ms", retryMillis)
                                .log(LOG, System.Logger.Level.WARNING);
                        retryTimer = vertx.setTimer(retryMillis, id -> {
                            retryTimer = -1;
                            pump();
                        });
                        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
                    }
                });
    }

    void close() {
        client.close();
    }
}
