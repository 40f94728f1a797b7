package org.examhall.server.checkin;

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

  record Comparison(double score, double threshold, String method, String reason) {

    public Comparison {
      if (score < 0 || score > 1 || Double.isNaN(score)) {
        throw new IllegalArgumentException("score must be in [0, 1]");
      }
    }

    public boolean match() {
      return score >= threshold;
    }
  }
}
