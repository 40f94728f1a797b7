package org.examhall.server.checkin.face;

import org.examhall.server.checkin.face.Layers.Padding;

/**
 * face-api's face recognition network (a ResNet-34-like port of dlib's face descriptor model):
 * a 150×150 aligned face in, 128 numbers out, close together (Euclidean) for the same person.
 */
final class DescriptorNet {

    private static final int INPUT = 150;
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final Weights weights;

    DescriptorNet(Weights weights) {
        this.weights = weights;
    }

    static DescriptorNet load() {
        return new DescriptorNet(Weights.load("face_recognition_model"));
    }

    float[] descriptor(Tensor alignedFace) {
        Tensor x = Pixels.normalise(Pixels.resize(Pixels.padToSquare(alignedFace, true), INPUT, INPUT), MEAN_RGB);
        x = Layers.relu(convScaled(x, "conv32_down", 7, 2, Padding.VALID));
        x = Layers.maxPool(x, 3, 2, Padding.VALID);
        x = residual(x, "conv32_1");
        x = residual(x, "conv32_2");
        x = residual(x, "conv32_3");
        x = residualDown(x, "conv64_down");
        x = residual(x, "conv64_1");
        x = residual(x, "conv64_2");
        x = residual(x, "conv64_3");
        x = residualDown(x, "conv128_down");
        x = residual(x, "conv128_1");
        x = residual(x, "conv128_2");
        x = residualDown(x, "conv256_down");
        x = residual(x, "conv256_1");
        x = residual(x, "conv256_2");
        x = residualDown(x, "conv256_down_out");
        float[] pooled = Layers.globalMean(x);
        return Layers.dense(pooled, weights.get("fc"), new float[128]);
    }

    private Tensor residual(Tensor in, String name) {
        Tensor out = Layers.relu(convScaled(in, name + "/conv1", 3, 1, Padding.SAME));
        out = convScaled(out, name + "/conv2", 3, 1, Padding.SAME);
        return Layers.relu(Layers.add(out, in));
    }

    /**
     * Halves the resolution: the shortcut is a 2×2 average with zero channels appended when the block
     * widens, and the convolution's output gains a zero row and column when its size falls one short.
     */
    private Tensor residualDown(Tensor in, String name) {
        Tensor out = Layers.relu(convScaled(in, name + "/conv1", 3, 2, Padding.VALID));
        out = convScaled(out, name + "/conv2", 3, 1, Padding.SAME);
        Tensor shortcut = Layers.avgPool(in, 2, 2, Padding.VALID);
        out = Layers.zeroExtend(out, shortcut.height, shortcut.width, out.channels);
        shortcut = Layers.zeroExtend(shortcut, shortcut.height, shortcut.width, out.channels);
        return Layers.relu(Layers.add(shortcut, out));
    }

    private Tensor convScaled(Tensor in, String name, int kernel, int stride, Padding padding) {
        Tensor out = Layers.conv(
                in, weights.get(name + "/conv/filters"), weights.get(name + "/conv/bias"), kernel, stride, padding);
        return Layers.scale(out, weights.get(name + "/scale/weights"), weights.get(name + "/scale/biases"));
    }
}
