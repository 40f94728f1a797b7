package org.examhall.proctor.report;

import io.vertx.core.Vertx;
import org.examhall.proctor.config.ExamServerSettings;
import org.examhall.proctor.detect.Anomaly;
import org.examhall.proctor.detect.AnomalySink;

/**
 * Delivers anomalies to exam-server: {@code POST {url}/api/gateway/anomalies} with the JSON of
 * {@link AnomalyJson}, through the durable {@link Outbox} keyed by anomaly id, so that only the latest
 * state of an anomaly is ever (re)sent.
 */
public final class AnomalyReporter implements AnomalySink {

    private static final String PATH = "/api/gateway/anomalies";

    private final OutboxSender sender;

    public AnomalyReporter(Vertx vertx, ExamServerSettings settings, Outbox outbox) {
        this.sender = new OutboxSender(vertx, settings, PATH, outbox);
    }

    /** Safe from any thread: the anomaly is on disk when this returns, the sending happens on Vert.x. */
    @Override
    public void report(Anomaly anomaly) {
        sender.send(anomaly.id(), AnomalyJson.toJson(anomaly));
    }

    public void close() {
        sender.close();
    }
}
