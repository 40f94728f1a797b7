package org.examhall.server.checkin.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LandmarkMotionTest {

    private static final float[] FACE = {0, 0, 10, 0, 5, 5, 2, 9, 8, 9};

    @Test
    void movingTurningAndScalingIsNoShapeChange() {
        float[] moved = new float[FACE.length];
        double angle = Math.toRadians(20);
        for (int i = 0; i < FACE.length; i += 2) {
            moved[i] = (float) (3 * (Math.cos(angle) * FACE[i] - Math.sin(angle) * FACE[i + 1]) + 40);
            moved[i + 1] = (float) (3 * (Math.sin(angle) * FACE[i] + Math.cos(angle) * FACE[i + 1]) - 7);
        }
        assertThat(LandmarkMotion.nonRigid(FACE, moved)).isCloseTo(0, within(1e-5));
    }

    @Test
    void anOpeningMouthIsAShapeChange() {
        float[] open = FACE.clone();
        open[7] += 3;
        open[9] += 3;
        assertThat(LandmarkMotion.nonRigid(FACE, open)).isGreaterThan(0.1);
    }
}
