package org.examhall.server.checkin.face;

import org.examhall.server.checkin.face.Layers.Padding;

/**
 * face-api's 68-point landmark network: four densely connected blocks of separable convolutions
 * over a 112×112 crop, then one dense layer giving each point's position within the crop.
 */
final class LandmarkNet {

    private static final int INPUT = 112;
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final Weights weights;

    LandmarkNet(Weights weights) {
        this.weights = weights;
    }

    static LandmarkNet load() {
        return new LandmarkNet(Weights.load("face_landmark_68_model"));
    }

    /** 68 points as x0, y0, x1, y1, … in pixels of the crop. */
    float[] landmarks(Tensor crop) {
        Tensor x = Pixels.normalise(Pixels.resize(Pixels.padToSquare(crop, true), INPUT, INPUT), MEAN_RGB);
        for (int block = 0; block < 4; block++) {
            x = denseBlock(x, "dense" + block, block == 0);
        }
        x = Layers.avgPool(x, 7, 2, Padding.VALID);
        float[] relative = Layers.dense(x.data, weights.get("fc/weights"), weights.get("fc/bias"));
        // The network saw the crop centred in a square: undo that padding, then scale to the crop.
        double scale = (double) INPUT / Math.max(crop.width, crop.height);
        double scaledWidth = crop.width * scale;
        double scaledHeight = crop.height * scale;
        double padX = scaledWidth < scaledHeight ? (scaledHeight - scaledWidth) / 2 : 0;
        double padY = scaledHeight < scaledWidth ? (scaledWidth - scaledHeight) / 2 : 0;
        float[] points = new float[relative.length];
        for (int i = 0; i < relative.length; i += 2) {
            points[i] = (float) ((relative[i] * INPUT - padX) / scaledWidth * crop.width);
            points[i + 1] = (float) ((relative[i + 1] * INPUT - padY) / scaledHeight * crop.height);
        }
        return points;
    }

    /** Four convolutions, each fed the sum of the earlier ones' outputs; the first halves the resolution. */
    private Tensor denseBlock(Tensor in, String name, boolean first) {
        Tensor out1 = Layers.relu(
                first
                        ? Layers.conv(
                                in,
                                weights.get(name + "/conv0/filters"),
                                weights.get(name + "/conv0/bias"),
                                3,
                                2,
                                Padding.SAME)
                        : separable(in, name + "/conv0", 2));
        Tensor out2 = separable(out1, name + "/conv1", 1);
        Tensor out3 = separable(Layers.relu(Layers.add(out1, out2)), name + "/conv2", 1);
        Tensor out4 = separable(Layers.relu(Layers.add(out1, out2, out3)), name + "/conv3", 1);
        return Layers.relu(Layers.add(out1, out2, out3, out4));
    }

    private Tensor separable(Tensor in, String name, int stride) {
        return Layers.separableConv(
                in,
                weights.get(name + "/depthwise_filter"),
                weights.get(name + "/pointwise_filter"),
                weights.get(name + "/bias"),
                3,
                stride,
                Padding.SAME);
    }
}
