package org.examhall.server.checkin.face;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Picture → the 128-number descriptor of the face in it, the way face-api computes it: detect the
 * face, find its 68 landmarks in the detected box, crop the landmarks' bounding box grown by 20 %,
 * and describe that crop. Thread-safe: the networks only read their weights.
 */
public final class FaceEmbedder {

  /** The detector's own default; below it, what it finds in a door capture is rarely a face. */
  static final double MIN_DETECTION_SCORE = 0.5;
  /**
   * The detector's input sizes tried, keeping the most confident face: a face that fills the
   * picture (a tight ID-photo crop) is found at the small sizes, a smaller one at the larger
   * (measured on the labelled photos: every face found at 224, several missed at 416 alone).
   */
  static final int[] DETECTOR_SIZES = {224, 320, 416};
  private static final double LANDMARK_BOX_PADDING = 0.2;

  private final FaceDetector detector;
  private final LandmarkNet landmarks;
  private final DescriptorNet descriptors;

  FaceEmbedder(FaceDetector detector, LandmarkNet landmarks, DescriptorNet descriptors) {
    this.detector = detector;
    this.landmarks = landmarks;
    this.descriptors = descriptors;
  }

  /** Loads the three networks from the classpath (about 7 MB of weights); throws when they are missing or damaged. */
  public static FaceEmbedder load() {
    return new FaceEmbedder(FaceDetector.load(), LandmarkNet.load(), DescriptorNet.load());
  }

  /** Empty when no face is found. */
  public Optional<Face> embed(BufferedImage picture) {
    Tensor image = Pixels.rgb(picture);
    FaceBox box = null;
    for (int size : DETECTOR_SIZES) {
      Optional<FaceBox> found = detector.strongest(image, MIN_DETECTION_SCORE, size);
      if (found.isPresent() && (box == null || found.get().score() > box.score())) {
        box = found.get();
      }
    }
    if (box == null) {
      return Optional.empty();
    }
    Pixels.Region boxRegion = Pixels.Region.around(box.x(), box.y(), box.width(), box.height()).clippedTo(image.width, image.height);
    if (boxRegion == null) {
      return Optional.empty();
    }
    float[] points = landmarks.landmarks(Pixels.crop(image, boxRegion));
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int i = 0; i < points.length; i += 2) {
      points[i] += boxRegion.x();
      points[i + 1] += boxRegion.y();
      minX = Math.min(minX, points[i]);
      maxX = Math.max(maxX, points[i]);
      minY = Math.min(minY, points[i + 1]);
      maxY = Math.max(maxY, points[i + 1]);
    }
    double padX = (maxX - minX) * LANDMARK_BOX_PADDING;
    double padY = (maxY - minY) * LANDMARK_BOX_PADDING;
    Tensor aligned = Pixels.crop(image, Pixels.Region.around(minX - padX / 2, minY - padY / 2, maxX - minX + padX, maxY - minY + padY));
    if (aligned == null) {
      return Optional.empty();
    }
    return Optional.of(new Face(descriptors.descriptor(aligned), box.score(), points));
  }

  /** A described face: its descriptor, how sure the detector was, and its landmarks in picture pixels. */
  public record Face(float[] descriptor, double detectionScore, float[] landmarks) {

    /** Euclidean distance between descriptors: face-api's measure, about 0.6 separating people. */
    public double distanceTo(Face other) {
      double sum = 0;
      for (int i = 0; i < descriptor.length; i++) {
        double d = descriptor[i] - other.descriptor[i];
        sum += d * d;
      }
      return Math.sqrt(sum);
    }
  }
}
