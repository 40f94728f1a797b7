package org.examhall.proctor.demo;

import java.util.Random;

/**
 * The sound of an exam room, synthesised: ventilation rumble and mains hum, keyboard clicks, and on demand
 * speech-like audio (a voiced source with a wandering pitch, shaped by vowel formants, in syllables of
 * about 4 per second). Good enough to exercise a voice-activity detector without shipping recordings.
 */
public final class RoomSound {

    private static final double[][] VOWELS = {
        {730, 1090, 2440}, {270, 2290, 3010}, {300, 870, 2240}, {530, 1840, 2480}, {640, 1190, 2390}
    };
    private static final int HARMONICS = 24;

    private final int sampleRate;
    private final Random random;
    private final double[] harmonicPhase = new double[HARMONICS];
    private double rumble;
    private double humPhase;
    private double click;
    private long sample;
    private int vowel;
    private long syllable = -1;

    public RoomSound(int sampleRate, long seed) {
        this.sampleRate = sampleRate;
        this.random = new Random(seed);
    }

    /**
     * Fills {@code out} with the next samples.
     *
     * @param speechGain 0 for none, 1 for conversational level, about 0.25 for a whisper
     * @param silent     digital silence (all zeros) instead of any sound
     */
    public void fill(short[] out, double speechGain, boolean silent) {
        for (int i = 0; i < out.length; i++, sample++) {
            double t = (double) sample / sampleRate;
            double value = ambient(t) + (speechGain > 0 ? speechGain * speech(t) : 0);
            out[i] = silent
                    ? 0
                    : (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value * 32767)));
        }
    }

    private double ambient(double t) {
        // Ventilation: low-passed noise around -46 dBFS.
        rumble += 0.05 * (random.nextGaussian() * 0.02 - rumble);
        humPhase += 2 * Math.PI * 100 / sampleRate;
        double hum = 0.0008 * Math.sin(humPhase);
        // Typing: a sharp decaying click now and then (about 3 per second).
        if (random.nextDouble() < 3.0 / sampleRate) {
            click = 0.02;
        }
        click *= 0.97;
        return rumble * 0.8 + hum + click * random.nextGaussian() + random.nextGaussian() * 0.0015;
    }

    private double speech(double t) {
        double syllableLength = 0.25;
        long current = (long) (t / syllableLength);
        if (current != syllable) {
            syllable = current;
            vowel = random.nextInt(VOWELS.length);
        }
        double within = (t - current * syllableLength) / syllableLength;
        // 70% of each syllable voiced with a raised-cosine envelope, then a short pause.
        double envelope = within < 0.7 ? 0.5 - 0.5 * Math.cos(2 * Math.PI * within / 0.7) : 0;
        double f0 = 150 + 35 * Math.sin(2 * Math.PI * 0.6 * t) + 10 * Math.sin(2 * Math.PI * 3.1 * t);
        double value = 0;
        double[] formants = VOWELS[vowel];
        for (int k = 1; k <= HARMONICS; k++) {
            double f = k * f0;
            if (f > sampleRate / 2.0 - 200) {
                break;
            }
            harmonicPhase[k - 1] += 2 * Math.PI * f / sampleRate;
            double gain = 0;
            for (double formant : formants) {
                double d = (f - formant) / 120;
                gain += Math.exp(-d * d);
            }
            value += (0.15 / k + gain) * Math.sin(harmonicPhase[k - 1]);
        }
        return 0.05 * envelope * value;
    }
}
