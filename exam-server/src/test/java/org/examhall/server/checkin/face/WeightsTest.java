package org.examhall.server.checkin.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** face-api's weight files as the build unpacks them: every tensor the networks read, dequantised. */
class WeightsTest {

    @Test
    void readsEveryTensorWithItsShape() {
        Weights recognition = Weights.load("face_recognition_model");
        assertThat(recognition.get("fc")).hasSize(256 * 128);
        assertThat(recognition.get("conv32_down/conv/filters")).hasSize(7 * 7 * 3 * 32);
        // Stored as float32 (no quantisation in the manifest).
        assertThat(recognition.get("conv64_down/conv1/conv/filters")).hasSize(3 * 3 * 32 * 64);
        assertThat(Weights.load("tiny_face_detector_model").get("conv8/filters"))
                .hasSize(512 * 25);
        assertThat(Weights.load("face_landmark_68_model").get("fc/weights")).hasSize(256 * 136);
    }

    @Test
    void dequantisesIntoTheManifestsRange() {
        // conv32_down/scale/weights: uint8 with min 5.7887 and scale 0.06814 (from the manifest).
        float[] scale = Weights.load("face_recognition_model").get("conv32_down/scale/weights");
        for (float v : scale) {
            assertThat(v).isBetween(5.788f, 5.789f + 255 * 0.06815f);
        }
    }

    @Test
    void aMissingTensorIsAnError() {
        assertThatThrownBy(() -> Weights.load("tiny_face_detector_model").get("conv9/filters"))
                .hasMessageContaining("no tensor conv9/filters");
    }
}
