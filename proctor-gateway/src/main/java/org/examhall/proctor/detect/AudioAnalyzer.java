package org.examhall.proctor.detect;

import java.util.function.ObjDoubleConsumer;

/**
 * Cuts 16 kHz mono audio into 20 ms frames and measures each (speech-band level, voicing, peak). Pitch
 * is looked for over the last 40 ms so that low voices (long periods) still fit the window; it is only
 * computed for frames loud enough to matter, which keeps the cost near zero in a quiet room.
 */
public final class AudioAnalyzer {

    public static final int SAMPLE_RATE = 16_000;
    public static final int FRAME = 320;
    static final double FRAME_SECONDS = (double) FRAME / SAMPLE_RATE;
    private static final int WINDOW = 2 * FRAME;
    private static final int MIN_LAG = SAMPLE_RATE / 400;
    private static final int MAX_LAG = SAMPLE_RATE / 80;
    /** Below this speech-band level nobody is talking in an exam room; skip the pitch search. */
    private static final double VOICING_FLOOR_DB = -60;

    private final Biquad highPass = Biquad.highPass(300, SAMPLE_RATE);
    private final Biquad lowPass = Biquad.lowPass(3400, SAMPLE_RATE);
    private final double[] window = new double[WINDOW];
    private int filled;
    private int peak;
    private double energy;
    private long frames;
    private final double startSeconds;

    /** @param startSeconds the time of the first sample on the caller's timeline */
    public AudioAnalyzer(double startSeconds) {
        this.startSeconds = startSeconds;
    }

    /** Feeds samples; {@code frameDone} receives each completed frame's features and its start time. */
    public void accept(short[] samples, int count, ObjDoubleConsumer<AudioFeatures> frameDone) {
        for (int i = 0; i < count; i++) {
            int s = samples[i];
            peak = Math.max(peak, Math.abs(s));
            double band = lowPass.next(highPass.next(s / 32768.0));
            energy += band * band;
            // The window holds the previous frame in its first half and the current one in its second.
            window[FRAME + filled] = band;
            if (++filled == FRAME) {
                double bandDb = 10 * Math.log10(energy / FRAME + 1e-12);
                double periodicity = bandDb > VOICING_FLOOR_DB ? periodicity() : 0;
                frameDone.accept(new AudioFeatures(bandDb, periodicity, peak), startSeconds + frames * FRAME_SECONDS);
                frames++;
                System.arraycopy(window, FRAME, window, 0, FRAME);
                filled = 0;
                peak = 0;
                energy = 0;
            }
        }
    }

    /** Where the next sample falls on the caller's timeline if the audio is contiguous. */
    public double nextSampleSeconds() {
        return startSeconds + (frames * FRAME + filled) / (double) SAMPLE_RATE;
    }

    private double periodicity() {
        double best = 0;
        for (int lag = MIN_LAG; lag <= MAX_LAG; lag++) {
            double xy = 0;
            double xx = 0;
            double yy = 0;
            for (int n = 0; n + lag < WINDOW; n++) {
                double a = window[n];
                double b = window[n + lag];
                xy += a * b;
                xx += a * a;
                yy += b * b;
            }
            if (xx > 0 && yy > 0) {
                best = Math.max(best, xy / Math.sqrt(xx * yy));
            }
        }
        return best;
    }
}
