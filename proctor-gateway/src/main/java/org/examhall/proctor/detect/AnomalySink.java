package org.examhall.proctor.detect;

/** Receives anomalies as they start and end (the reporter to exam-server, a test's list). */
@FunctionalInterface
public interface AnomalySink {
    void report(Anomaly anomaly);
}
