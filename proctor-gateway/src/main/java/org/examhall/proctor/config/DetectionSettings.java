package org.examhall.proctor.config;

import org.examhall.protocol.config.ConfigException;

/**
 * Thresholds of the anomaly detectors. Durations are how long a condition must hold before it is flagged,
 * so a single dark frame or a cough is not reported. Any value left out of the YAML takes its default.
 */
public record DetectionSettings(
        Boolean enabled,
        Double offlineSeconds,
        Double blackSeconds,
        Double frozenSeconds,
        Double audioLostSeconds,
        Double talkingSeconds,
        Double calibrationSeconds,
        Double talkingMarginDb) {

    public static DetectionSettings defaults() {
        return new DetectionSettings(null, null, null, null, null, null, null, null);
    }

    public DetectionSettings {
        enabled = enabled == null || enabled;
        offlineSeconds = orDefault(offlineSeconds, 10);
        blackSeconds = orDefault(blackSeconds, 5);
        frozenSeconds = orDefault(frozenSeconds, 10);
        audioLostSeconds = orDefault(audioLostSeconds, 5);
        talkingSeconds = orDefault(talkingSeconds, 1.5);
        // The ambient level of the room is measured over this long after each (re)connection, before the exam.
        calibrationSeconds = orDefault(calibrationSeconds, 20);
        // Voice must exceed the calibrated ambient level by this many dB in the speech band.
        talkingMarginDb = orDefault(talkingMarginDb, 8);
    }

    private static double orDefault(Double value, double fallback) {
        if (value != null && value < 0) {
            throw new ConfigException("detection thresholds must not be negative: " + value);
        }
        return value == null ? fallback : value;
    }
}
