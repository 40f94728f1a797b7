package org.examhall.proctor.report;

import org.examhall.proctor.detect.Anomaly;
import org.examhall.proctor.detect.AnomalySink;

/** Where anomalies go when no exam-server is configured (a gateway run on its own): the log. */
public final class LoggingAnomalySink implements AnomalySink {

    private static final System.Logger LOG = System.getLogger(LoggingAnomalySink.class.getName());

    @Override
    public void report(Anomaly anomaly) {
        LOG.log(System.Logger.Level.INFO, "anomaly " + AnomalyJson.toJson(anomaly).encode());
    }
}
