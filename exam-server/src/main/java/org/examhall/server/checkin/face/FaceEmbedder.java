package org.examhall.server.checkin.face;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Picture → the 128-number descriptor of the face in it, the way face-api computes it: detect the
 * face, find its 68 landmarks in the detected box, crop the square that dlib's alignment places
 * by the eyes and mouth, and describe that crop. Thread-safe: the networks only read their weights.
 */
public final class FaceEmbedder {

    /** face-api's default minimum confidence for this detector. */
    static final double MIN_DETECTION_SCORE = 0.5;
    /**
     * The detector's input sizes tried, keeping the most confident face: a face that fills the
     * picture (a tight ID-photo crop) is found at the small sizes, a smaller one at the larger
     * (measured on the labelled photos: six of 29 faces missed at 416 alone, one at 224 alone).
     */
    static final int[] DETECTOR_SIZES = {160, 224, 320, 416};

    private final FaceDetector detector;
    private final LandmarkNet landmarks;
    private final DescriptorNet descriptors;
    private final int[] detectorSizes;

    FaceEmbedder(FaceDetector detector, LandmarkNet landmarks, DescriptorNet descriptors, int[] detectorSizes) {
        this.detector = detector;
        this.landmarks = landmarks;
        this.descriptors = descriptors;
        this.detectorSizes = detectorSizes.clone();
    }

    /** Loads the three networks from the classpath (about 7 MB of weights); throws when they are missing or damaged. */
    public static FaceEmbedder load() {
        return new FaceEmbedder(FaceDetector.load(), LandmarkNet.load(), DescriptorNet.load(), DETECTOR_SIZES);
    }

    /** Empty when no face is found. */
    public Optional<Face> embed(BufferedImage picture) {
        Tensor image = Pixels.rgb(picture);
        FaceBox box = null;
        for (int size : detectorSizes) {
            Optional<FaceBox> found = detector.strongest(image, MIN_DETECTION_SCORE, size);
            if (found.isPresent() && (box == null || found.get().score() > box.score())) {
                box = found.get();
            }
        }
        if (box == null) {
            return Optional.empty();
        }
        Pixels.Region boxRegion = Pixels.Region.around(box.x(), box.y(), box.width(), box.height())
                .clippedTo(image.width, image.height);
        if (boxRegion == null) {
            return Optional.empty();
        }
        float[] points = landmarks.landmarks(Pixels.crop(image, boxRegion));
        // As face-api does, the landmarks are placed from the box's own fractional origin rather than
        // the whole pixel the crop began at, so that the descriptors are face-api's (see
        // FaceApiAgreementTest); unlike face-api, an origin outside the picture is taken at the border,
        // where the crop really began.
        for (int i = 0; i < points.length; i += 2) {
            points[i] += Math.max(0, box.x());
            points[i + 1] += Math.max(0, box.y());
        }
        Tensor aligned = Pixels.crop(image, dlibAlignment(points));
        if (aligned == null) {
            return Optional.empty();
        }
        return Optional.of(new Face(descriptors.descriptor(aligned), box.score(), points));
    }

    /**
     * The square the descriptor network expects a face in (dlib's alignment, as face-api crops it):
     * its side is the mean eye-to-mouth distance / 0.45, placed so that the centre of the eyes and
     * mouth falls at 50 % across and 43 % down.
     */
    static Pixels.Region dlibAlignment(float[] points) {
        double[] leftEye = centre(points, 36, 42);
        double[] rightEye = centre(points, 42, 48);
        double[] mouth = centre(points, 48, 68);
        double eyeToMouth = (Math.hypot(mouth[0] - leftEye[0], mouth[1] - leftEye[1])
                        + Math.hypot(mouth[0] - rightEye[0], mouth[1] - rightEye[1]))
                / 2;
        int size = (int) Math.floor(eyeToMouth / 0.45);
        double refX = (leftEye[0] + rightEye[0] + mouth[0]) / 3;
        double refY = (leftEye[1] + rightEye[1] + mouth[1]) / 3;
        return new Pixels.Region(
                (int) Math.floor(Math.max(0, refX - 0.5 * size)),
                (int) Math.floor(Math.max(0, refY - 0.43 * size)),
                size,
                size);
    }

    /** Mean of landmarks from (inclusive) to (exclusive). */
    private static double[] centre(float[] points, int from, int to) {
        double x = 0;
        double y = 0;
        for (int i = from; i < to; i++) {
            x += points[2 * i];
            y += points[2 * i + 1];
        }
        return new double[] {x / (to - from), y / (to - from)};
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
