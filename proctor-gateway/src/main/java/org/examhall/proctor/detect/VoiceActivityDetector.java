package org.examhall.proctor.detect;

import java.util.Arrays;

/**
 * Talking or whispering in the room: voiced sound in the speech band standing out from the room's ambient
 * level. The ambient level is either given (calibrated for the room) or measured as the median of the first
 * {@code calibrationSeconds} of each connection, before candidates are let in. A frame is voiced when it is
 * {@code marginDb} above ambient and periodic at a voice pitch; talking is a second in which at least
 * {@link #VOICED_SHARE} of the frames are voiced, held for {@code minSeconds}. Keyboard clicks are loud
 * but not periodic, ventilation is periodic only below the speech band: neither counts.
 */
public final class VoiceActivityDetector {

    static final double PERIODICITY = 0.5;
    static final double VOICED_SHARE = 0.3;
    private static final int WINDOW_FRAMES = (int) Math.round(1.0 / AudioAnalyzer.FRAME_SECONDS);

    private final double marginDb;
    private final double calibrationSeconds;
    private final ConditionTracker tracker;
    private final boolean[] voiced = new boolean[WINDOW_FRAMES];
    private final double[] excess = new double[WINDOW_FRAMES];
    private double[] calibration = new double[64];
    private int calibrated;
    private double ambientDb;
    private double firstFrame = Double.NaN;
    private int index;

    /** @param ambientDb the room's calibrated speech-band level, or {@code null} to measure it */
    public VoiceActivityDetector(Double ambientDb, double marginDb, double calibrationSeconds, double minSeconds) {
        this.marginDb = marginDb;
        this.calibrationSeconds = ambientDb == null ? calibrationSeconds : 0;
        this.ambientDb = ambientDb == null ? Double.NaN : ambientDb;
        this.tracker = new ConditionTracker(minSeconds, 1.0);
    }

    public boolean calibrated() {
        return !Double.isNaN(ambientDb);
    }

    public double ambientDb() {
        return ambientDb;
    }

    public ConditionTracker.Transition frame(double t, AudioFeatures features) {
        if (features.digitalSilence()) {
            // No microphone: nothing can be heard, and the silence must not lower the ambient estimate.
            return tracker.update(t, false, 0);
        }
        if (Double.isNaN(firstFrame)) {
            firstFrame = t;
        }
        if (!calibrated()) {
            calibrate(t, features.bandDb());
            return null;
        }
        double over = features.bandDb() - ambientDb - marginDb;
        voiced[index] = over > 0 && features.periodicity() >= PERIODICITY;
        excess[index] = voiced[index] ? over : 0;
        index = (index + 1) % WINDOW_FRAMES;
        int count = 0;
        double sum = 0;
        for (int i = 0; i < WINDOW_FRAMES; i++) {
            if (voiced[i]) {
                count++;
                sum += excess[i];
            }
        }
        boolean talking = count >= VOICED_SHARE * WINDOW_FRAMES;
        // Confidence grows with how far the voice stands out: 0.5 at the margin, 1.0 at 20 dB above it.
        double confidence = count == 0 ? 0 : Math.min(1, 0.5 + sum / count / 40);
        return tracker.update(t, talking, confidence);
    }

    public ConditionTracker.Transition finish() {
        return tracker.finish();
    }

    private void calibrate(double t, double bandDb) {
        if (calibrated == calibration.length) {
            calibration = Arrays.copyOf(calibration, calibrated * 2);
        }
        calibration[calibrated++] = bandDb;
        if (t - firstFrame >= calibrationSeconds) {
            double[] sorted = Arrays.copyOf(calibration, calibrated);
            Arrays.sort(sorted);
            ambientDb = sorted[sorted.length / 2];
            calibration = null;
        }
    }
}
