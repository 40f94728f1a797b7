package org.examhall.server.checkin;

import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.examhall.server.checkin.face.FaceEmbedder;
import org.examhall.server.config.ExamhallConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The face comparison a node uses, as configured by {@code exam.faceCheck}. */
public final class FaceVerifiers {

    private static final Logger LOG = LoggerFactory.getLogger(FaceVerifiers.class);

    private FaceVerifiers() {}

    /**
     * Face recognition unless configured otherwise, or in demo mode, whose candidates' portraits are
     * drawn and hold no face for the networks to find. The networks load on a worker (see
     * {@link LoadingFaceVerifier}); {@link #warmUp} starts that at node start.
     */
    public static FaceVerifier configured(ExamhallConfig config) {
        return configured(config, FaceEmbedder::load);
    }

    static FaceVerifier configured(ExamhallConfig config, Supplier<FaceEmbedder> networks) {
        ImageSimilarityFaceVerifier similarity = new ImageSimilarityFaceVerifier(config.exam.faceMatchThreshold);
        if (config.exam.faceCheck == ExamhallConfig.FaceCheck.IMAGE_SIMILARITY || config.demo()) {
            LOG.info(
                    "event=face_check_ready method={} biometric=false why={}",
                    ImageSimilarityFaceVerifier.METHOD,
                    config.demo() ? "demo_portraits_are_drawn" : "configured");
            return similarity;
        }
        return new LoadingFaceVerifier(networks, config.exam.faceRecognitionThreshold, similarity);
    }

    /** Loads the networks of a face-recognition verifier on a worker thread, so the first candidate does not wait. */
    public static void warmUp(Vertx vertx, FaceVerifier verifier) {
        if (verifier instanceof LoadingFaceVerifier loading) {
            vertx.executeBlocking(loading::ready, false);
        }
    }
}
