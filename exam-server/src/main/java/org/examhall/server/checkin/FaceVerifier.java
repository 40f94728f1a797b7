package org.examhall.server.checkin;

import java.util.List;

/**
 * Compares the live capture at the door with the candidate's enrolled photo.
 *
 * <p>Contract for implementations (a certified provider plugs in here): {@link #compare} is called
 * on a worker thread and may block (a network call to a provider is fine); it receives the two
 * images as JPEG or PNG bytes exactly as captured/enrolled; it returns a similarity score in
 * [0, 1] and the threshold it used, and never throws for images it cannot read (it returns score 0
 * with a reason). The server counts a comparison below the threshold as a failed attempt; after
 * three failures only two proctors together can admit the candidate, as doubtful (存疑).
 */
public interface FaceVerifier {

    Comparison compare(byte[] enrolledImage, byte[] liveImage);

    /**
     * Several frames captured a moment apart, the first being the one compared. Implementations
     * that can say whether the frames look like a live person override this; the default compares
     * the first frame only and assesses no liveness.
     */
    default Comparison compare(byte[] enrolledImage, List<byte[]> liveFrames) {
        return compare(enrolledImage, liveFrames.get(0));
    }

    /**
     * @param biometric whether the score comes from a face recognition model (false for a picture
     *                  similarity, which cannot tell people apart reliably)
     * @param liveness  what the extra frames suggest, or null when not assessed
     */
    record Comparison(
            double score, double threshold, String method, String reason, boolean biometric, Liveness liveness) {

        public Comparison {
            if (score < 0 || score > 1 || Double.isNaN(score)) {
                throw new IllegalArgumentException("score must be in [0, 1]");
            }
        }

        /** A comparison of no declared kind: not biometric, liveness not assessed. */
        public Comparison(double score, double threshold, String method, String reason) {
            this(score, threshold, method, reason, false, null);
        }

        public boolean match() {
            return score >= threshold;
        }
    }

    /**
     * A hint for the proctor from several frames, never a verdict: {@code verdict} is one of
     * {@code live-like} (the face changed shape between frames, as a live face does),
     * {@code rigid} (it only moved as a flat picture would), {@code identical-frames},
     * {@code face-missing}, {@code different-faces} or {@code single-frame}; {@code motion} is the
     * largest non-rigid change of the landmarks, as a fraction of the face's size.
     */
    record Liveness(int frames, String verdict, double motion) {}
}
