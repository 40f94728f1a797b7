package org.examhall.server.checkin;

import org.examhall.server.checkin.face.FaceEmbedder;
import org.examhall.server.config.ExamhallConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/** The face comparison a node uses, as configured by {@code exam.faceCheck}. */
public final class FaceVerifiers {

  private static final Logger LOG = LoggerFactory.getLogger(FaceVerifiers.class);

  private FaceVerifiers() {
  }

  /**
   * Face recognition unless configured otherwise, or in demo mode, whose candidates' portraits are
   * drawn and hold no face for the networks to find. Networks that cannot load (a jar built
   * without them, a damaged file) do not stop the node: the door then runs on image similarity,
   * every result marked not biometric, and the log says so at start.
   */
  public static FaceVerifier configured(ExamhallConfig config) {
    return configured(config, FaceEmbedder::load);
  }

  static FaceVerifier configured(ExamhallConfig config, Supplier<FaceEmbedder> networks) {
    ImageSimilarityFaceVerifier similarity = new ImageSimilarityFaceVerifier(config.exam.faceMatchThreshold);
    if (config.exam.faceCheck == ExamhallConfig.FaceCheck.IMAGE_SIMILARITY || config.demo()) {
      LOG.info("event=face_check_ready method={} biometric=false why={}", ImageSimilarityFaceVerifier.METHOD,
          config.demo() ? "demo_portraits_are_drawn" : "configured");
      return similarity;
    }
    try {
      FaceVerifier verifier = new FaceRecognitionVerifier(networks.get(), config.exam.faceRecognitionThreshold);
      LOG.info("event=face_check_ready method={} biometric=true threshold={}", FaceRecognitionVerifier.METHOD,
          config.exam.faceRecognitionThreshold);
      return verifier;
    } catch (RuntimeException e) {
      LOG.error("event=face_check_fallback method={} biometric=false reason=\"networks did not load: {}\"",
          ImageSimilarityFaceVerifier.METHOD, e.toString().replace('"', '\''));
      return similarity;
    }
  }
}
