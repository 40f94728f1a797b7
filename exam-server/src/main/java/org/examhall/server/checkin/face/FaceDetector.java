package org.examhall.server.checkin.face;

import java.util.Optional;
import org.examhall.server.checkin.face.Layers.Padding;

/**
 * face-api's Tiny Face Detector: a Tiny-YOLOv2-style network with depthwise separable convolutions
 * over a 416×416 input, predicting 5 anchor boxes in each cell of a 13×13 grid.
 */
final class FaceDetector {

    private static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    private static final double[][] ANCHORS = {
        {1.603231, 2.094468}, {6.041143, 7.080126}, {2.882459, 3.518061}, {4.266906, 5.178857}, {9.041765, 10.66308}
    };

    private final Weights weights;

    FaceDetector(Weights weights) {
        this.weights = weights;
    }

    static FaceDetector load() {
        return new FaceDetector(Weights.load("tiny_face_detector_model"));
    }

    /** The most confident face scoring at least minScore, if any. */
    Optional<FaceBox> strongest(Tensor image, double minScore, int inputSize) {
        Tensor grid = forward(image, inputSize);
        // The image was padded after its shorter side: a grid-relative position maps to the picture
        // through the rounded size the picture took in the network's input, as face-api computes it.
        double side = Math.max(image.width, image.height);
        double scaleX = (double) inputSize / Math.round(image.width * inputSize / side) * image.width;
        double scaleY = (double) inputSize / Math.round(image.height * inputSize / side) * image.height;
        FaceBox best = null;
        for (int row = 0; row < grid.height; row++) {
            for (int col = 0; col < grid.width; col++) {
                for (int a = 0; a < ANCHORS.length; a++) {
                    double score = sigmoid(grid.get(row, col, a * 5 + 4));
                    if (score < minScore || best != null && score <= best.score()) {
                        continue;
                    }
                    double cx = (col + sigmoid(grid.get(row, col, a * 5))) / grid.width;
                    double cy = (row + sigmoid(grid.get(row, col, a * 5 + 1))) / grid.height;
                    double w = Math.exp(grid.get(row, col, a * 5 + 2)) * ANCHORS[a][0] / grid.width;
                    double h = Math.exp(grid.get(row, col, a * 5 + 3)) * ANCHORS[a][1] / grid.height;
                    best = new FaceBox((cx - w / 2) * scaleX, (cy - h / 2) * scaleY, w * scaleX, h * scaleY, score);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private Tensor forward(Tensor image, int inputSize) {
        Tensor x = Pixels.normalise(Pixels.resize(Pixels.padToSquare(image, false), inputSize, inputSize), MEAN_RGB);
        x = Layers.leaky(Layers.conv(x, weights.get("conv0/filters"), weights.get("conv0/bias"), 3, 1, Padding.VALID));
        for (int i = 1; i <= 5; i++) {
            x = Layers.maxPool(x, 2, 2, Padding.SAME);
            x = Layers.leaky(Layers.separableConv(
                    x,
                    weights.get("conv" + i + "/depthwise_filter"),
                    weights.get("conv" + i + "/pointwise_filter"),
                    weights.get("conv" + i + "/bias"),
                    3,
                    1,
                    Padding.SAME));
        }
        x = Layers.maxPool(x, 2, 1, Padding.SAME);
        return Layers.conv(x, weights.get("conv8/filters"), weights.get("conv8/bias"), 1, 1, Padding.VALID);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
