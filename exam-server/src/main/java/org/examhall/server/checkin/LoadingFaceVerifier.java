package org.examhall.server.checkin;

import java.util.List;
import java.util.function.Supplier;
import org.examhall.server.checkin.face.FaceEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Face recognition whose networks (about 7 MB of weights, one to two seconds to read) load on a
 * worker thread: the node warms it up at start, and a comparison that comes first loads it on its
 * own worker thread. Never on an event loop. Networks that cannot load (a jar built without them,
 * a damaged file) do not stop the door: it runs on image similarity, every result marked not
 * biometric, and the log says so once.
 */
final class LoadingFaceVerifier implements FaceVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(LoadingFaceVerifier.class);

    private final Supplier<FaceEmbedder> networks;
    private final double threshold;
    private final ImageSimilarityFaceVerifier fallback;
    private volatile FaceVerifier loaded;

    LoadingFaceVerifier(Supplier<FaceEmbedder> networks, double threshold, ImageSimilarityFaceVerifier fallback) {
        this.networks = networks;
        this.threshold = threshold;
        this.fallback = fallback;
    }

    /** Loads the networks now (blocking: call it from a worker). */
    FaceVerifier ready() {
        FaceVerifier verifier = loaded;
        if (verifier != null) {
            return verifier;
        }
        synchronized (this) {
            if (loaded == null) {
                try {
                    loaded = new FaceRecognitionVerifier(networks.get(), threshold);
                    LOG.info(
                            "event=face_check_ready method={} biometric=true threshold={}",
                            FaceRecognitionVerifier.METHOD,
                            threshold);
                } catch (RuntimeException e) {
                    LOG.error(
                            "event=face_check_fallback method={} biometric=false reason=\"networks did not load: {}\"",
                            ImageSimilarityFaceVerifier.METHOD,
                            e.toString().replace('"', '\''));
                    loaded = fallback;
                }
            }
            return loaded;
        }
    }

    @Override
    public Comparison compare(byte[] enrolledImage, byte[] liveImage) {
        return ready().compare(enrolledImage, liveImage);
    }

    @Override
    public Comparison compare(byte[] enrolledImage, List<byte[]> liveFrames) {
        return ready().compare(enrolledImage, liveFrames);
    }
}
