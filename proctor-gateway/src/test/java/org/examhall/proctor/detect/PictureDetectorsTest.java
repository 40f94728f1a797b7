package org.examhall.proctor.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PictureDetectorsTest {

    private static GrayFrame scene(long seed, int ballX) {
        Random random = new Random(seed);
        byte[] p = new byte[320 * 240];
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                int v = 120 + (x / 40) * 10 + random.nextInt(3);
                if (Math.abs(x - ballX) < 20 && Math.abs(y - 120) < 20) {
                    v = 30;
                }
                p[y * 320 + x] = (byte) v;
            }
        }
        return new GrayFrame(320, 240, p);
    }

    private static GrayFrame black() {
        byte[] p = new byte[320 * 240];
        Arrays.fill(p, (byte) 3);
        // A bright on-screen clock across the bottom still leaves the picture black.
        for (int i = 320 * 225; i < 320 * 237; i += 2) {
            p[i] = (byte) 250;
        }
        return new GrayFrame(320, 240, p);
    }

    @Test
    void blackIsFlaggedAfterItsDurationDespiteTheClockOverlay() {
        BlackPictureDetector detector = new BlackPictureDetector(3);
        assertThat(detector.update(0, scene(1, 50))).isNull();
        assertThat(detector.update(1, black())).isNull();
        assertThat(detector.update(2, black())).isNull();
        assertThat(detector.update(3, black())).isNull();
        ConditionTracker.Transition started = detector.update(4, black());
        assertThat(started.started()).isTrue();
        assertThat(started.at()).isEqualTo(1);
        assertThat(detector.update(5, scene(2, 60))).isNull();
        ConditionTracker.Transition ended = detector.update(6, scene(3, 70));
        assertThat(ended.started()).isFalse();
        assertThat(ended.at()).isEqualTo(4);
    }

    @Test
    void identicalPicturesAreFrozenAMovingPersonIsNot() {
        FrozenPictureDetector detector = new FrozenPictureDetector(3);
        GrayFrame still = scene(9, 100);
        for (int t = 0; t < 6; t++) {
            // Sensor noise differs every frame, the person moves: never frozen.
            assertThat(detector.update(t, scene(t, 100 + 30 * t))).isNull();
        }
        ConditionTracker.Transition t = null;
        for (int s = 6; s < 12 && t == null; s++) {
            t = detector.update(s, still);
        }
        assertThat(t).isNotNull();
        assertThat(t.started()).isTrue();
        assertThat(t.at()).isEqualTo(6);
    }

    @Test
    void aBlackPictureIsNotAlsoReportedFrozen() {
        FrozenPictureDetector detector = new FrozenPictureDetector(2);
        for (int t = 0; t < 10; t++) {
            assertThat(detector.update(t, black())).isNull();
        }
    }

    @Test
    void conditionDipsShorterThanTheClearTimeDoNotSplitAnEvent() {
        ConditionTracker tracker = new ConditionTracker(2, 1.5);
        assertThat(tracker.update(0, true, 1)).isNull();
        assertThat(tracker.update(1, false, 0)).isNull();
        assertThat(tracker.update(2, true, 1).started()).isTrue();
        assertThat(tracker.update(3, false, 0)).isNull();
        assertThat(tracker.update(3.4, true, 1)).isNull();
        assertThat(tracker.update(5, false, 0).at()).isEqualTo(3.4);
    }
}
