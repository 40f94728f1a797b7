package org.examhall.proctor.report;

import org.examhall.proctor.detect.Anomaly;
import org.examhall.proctor.detect.AnomalySink;
import org.examhall.proctor.log.LogEvent;

/** Where anomalies go when no exam-server is configured (a gateway run on its own): the log. */
public final class LoggingAnomalySink implements AnomalySink {

    private static final System.Logger LOG = System.getLogger(LoggingAnomalySink.class.getName());

    @Override
    public void report(Anomaly anomaly) {
        LogEvent.of("anomaly")
                .with("site", anomaly.site())
                .with("room", anomaly.room())
                .with("camera", anomaly.camera())
                .with("type", anomaly.type())
                .with("id", anomaly.id())
                .with("started_at", anomaly.startedAt())
                .with("ended_at", anomaly.endedAt())
                .with(
                        "detail",
                        anomaly.detail() == null ? null : anomaly.detail().en())
                .with(
                        "detail_zh",
                        anomaly.detail() == null ? null : anomaly.detail().zh())
                .log(LOG, System.Logger.Level.INFO);
    }
}
