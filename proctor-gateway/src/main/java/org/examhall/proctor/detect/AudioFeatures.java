package org.examhall.proctor.detect;

/**
 * What the audio detectors know about one 20 ms frame of 16 kHz mono audio.
 *
 * @param bandDb      energy in the speech band (300–3400 Hz), dB relative to full scale
 * @param periodicity strongest normalised autocorrelation at a voice pitch (80–400 Hz): near 1 for a
 *                    voiced sound, low for noise, clicks and rumble
 * @param peak        largest absolute sample; 0–2 means digital silence, not a quiet room
 */
public record AudioFeatures(double bandDb, double periodicity, int peak) {

    public boolean digitalSilence() {
        return peak <= 2;
    }
}
