package org.examhall.server.checkin;

import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.testing.Photos;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaceVerifiersTest {

  @Test
  void productionDefaultsToFaceRecognition() {
    assertThat(FaceVerifiers.configured(new ExamhallConfig())).isInstanceOf(FaceRecognitionVerifier.class);
  }

  @Test
  void networksThatCannotLoadLeaveTheDoorOnImageSimilarity() {
    FaceVerifier verifier = FaceVerifiers.configured(new ExamhallConfig(), () -> {
      throw new IllegalStateException("face_recognition_model: no tensor fc");
    });
    assertThat(verifier).isInstanceOf(ImageSimilarityFaceVerifier.class);
    assertThat(verifier.compare(Photos.person(3, 0), Photos.person(3, 10)).biometric()).isFalse();
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
