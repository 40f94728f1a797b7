package org.examhall.proctor.report;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.examhall.proctor.config.ExamServerSettings;
import org.examhall.proctor.detect.Anomaly;
import org.examhall.proctor.detect.AnomalySink;

/**
 * Delivers anomalies to exam-server: {@code POST {url}/api/gateway/anomalies} with the gateway's bearer
 * token and the JSON of {@link AnomalyJson}. Every anomaly goes through the {@link Outbox} first, and is
 * only dropped from it on a 2xx answer; failures are retried with exponential backoff (1 s doubling to
 * 60 s), one delivery in flight at a time so the server sees each anomaly's states in order.
 */
public final class AnomalyReporter implements AnomalySink {

    private static final System.Logger LOG = System.getLogger(AnomalyReporter.class.getName());
    static final String PATH = "/api/gateway/anomalies";
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long MAX_RETRY_MILLIS = 60_000;
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    /** All delivery state is touched on this one context, whichever thread reports. */
    private final Context context;
    private final WebClient client;
    private final String endpoint;
    private final String token;
    private final Outbox outbox;
    private boolean inFlight;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private long retryTimer = -1;

    public AnomalyReporter(Vertx vertx, ExamServerSettings settings, Outbox outbox) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = WebClient.create(vertx);
        this.endpoint = settings.url().replaceAll("/+$", "") + PATH;
        this.token = settings.token();
        this.outbox = outbox;
        context.runOnContext(v -> pump());
    }

    /** Safe from any thread: the anomaly is on disk when this returns, the sending happens on Vert.x. */
    @Override
    public void report(Anomaly anomaly) {
        outbox.put(anomaly);
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
                .sendJsonObject(AnomalyJson.toJson(next.anomaly()))
                .onComplete(result -> {
                    inFlight = false;
                    HttpResponse<Buffer> response = result.succeeded() ? result.result() : null;
                    if (response != null && response.statusCode() / 100 == 2) {
                        outbox.ack(next);
                        retryMillis = FIRST_RETRY_MILLIS;
                        pump();
                    } else {
                        LOG.log(System.Logger.Level.WARNING, "exam-server did not take anomaly " + next.anomaly().id() + ": "
                                + (response != null ? "HTTP " + response.statusCode() : result.cause().getMessage())
                                + "; retrying in " + retryMillis + " ms");
                        retryTimer = vertx.setTimer(retryMillis, id -> {
                            retryTimer = -1;
                            pump();
                        });
                        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
                    }
                });
    }

    public void close() {
        client.close();
    }
}
