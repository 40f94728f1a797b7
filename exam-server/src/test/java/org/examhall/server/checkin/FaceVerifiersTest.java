package org.examhall.server.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import org.examhall.server.checkin.face.FaceEmbedder;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.testing.Photos;
import org.junit.jupiter.api.Test;

class FaceVerifiersTest {

    @Test
    void productionDefaultsToFaceRecognitionLoadedOnFirstUseNotAtConstruction() {
        int[] loads = {0};
        FaceVerifier verifier = FaceVerifiers.configured(new ExamhallConfig(), () -> {
            loads[0]++;
            return FaceEmbedder.load();
        });
        assertThat(loads[0])
                .as("nothing loaded while the node is being wired on its event loop")
                .isZero();
        assertThat(((LoadingFaceVerifier) verifier).ready()).isInstanceOf(FaceRecognitionVerifier.class);
        assertThat(((LoadingFaceVerifier) verifier).ready()).isInstanceOf(FaceRecognitionVerifier.class);
        assertThat(loads[0]).isEqualTo(1);
    }

    @Test
    void networksThatCannotLoadLeaveTheDoorOnImageSimilarity() {
        FaceVerifier verifier = FaceVerifiers.configured(new ExamhallConfig(), () -> {
            throw new IllegalStateException("face_recognition_model: no tensor fc");
        });
        assertThat(((LoadingFaceVerifier) verifier).ready()).isInstanceOf(ImageSimilarityFaceVerifier.class);
        assertThat(verifier.compare(Photos.person(3, 0), Photos.person(3, 10)).biometric())
                .isFalse();
    }

    @Test
    void imageSimilarityWhenConfiguredOrInTheDemoAndNeverBiometric() {
        ExamhallConfig configured = new ExamhallConfig();
        configured.exam.faceCheck = ExamhallConfig.FaceCheck.IMAGE_SIMILARITY;
        ExamhallConfig demo = new ExamhallConfig();
        demo.mode = ExamhallConfig.Mode.DEMO;
        for (ExamhallConfig config : new ExamhallConfig[] {configured, demo}) {
            FaceVerifier verifier = FaceVerifiers.configured(config);
            assertThat(verifier).isInstanceOf(ImageSimilarityFaceVerifier.class);
            FaceVerifier.Comparison c = verifier.compare(Photos.person(3, 0), Photos.person(3, 10));
            assertThat(c.match()).isTrue();
            assertThat(c.biometric()).isFalse();
            assertThat(c.method()).isEqualTo(ImageSimilarityFaceVerifier.METHOD);
        }
    }
}
