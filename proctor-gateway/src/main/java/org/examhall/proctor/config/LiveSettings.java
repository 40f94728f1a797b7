package org.examhall.proctor.config;

/**
 * Live HLS: short segments keep the picture a few seconds behind real time; the window is how many
 * segments the rolling playlist lists.
 */
public record LiveSettings(int segmentSeconds, int windowSegments) {

    public LiveSettings {
        segmentSeconds = segmentSeconds == 0 ? 2 : segmentSeconds;
        windowSegments = windowSegments == 0 ? 6 : windowSegments;
    }
}
