package org.examhall.server.checkin.face;

/**
 * The operations the face networks are built from, with TensorFlow's semantics (how "same" pads,
 * which cells a strided window reads), because the weights were trained against exactly those.
 * Filters are laid out as TensorFlow.js saves them: [kernelHeight][kernelWidth][in][out] for
 * convolutions, [kernelHeight][kernelWidth][in] for depthwise ones.
 */
final class Layers {

    enum Padding {
        SAME,
        VALID
    }

    private Layers() {}

    /** Full convolution; the bias is added. */
    static Tensor conv(Tensor in, float[] filters, float[] bias, int kernel, int stride, Padding padding) {
        int outChannels = bias.length;
        if (filters.length != kernel * kernel * in.channels * outChannels) {
            throw new IllegalArgumentException("filter size does not match the input's channels");
        }
        Window rows = Window.of(in.height, kernel, stride, padding);
        Window cols = Window.of(in.width, kernel, stride, padding);
        Tensor out = new Tensor(rows.out, cols.out, outChannels);
        float[] acc = new float[outChannels];
        for (int oy = 0; oy < rows.out; oy++) {
            for (int ox = 0; ox < cols.out; ox++) {
                System.arraycopy(bias, 0, acc, 0, outChannels);
                for (int ky = 0; ky < kernel; ky++) {
                    int iy = oy * stride + ky - rows.padBefore;
                    if (iy < 0 || iy >= in.height) {
                        continue;
                    }
                    for (int kx = 0; kx < kernel; kx++) {
                        int ix = ox * stride + kx - cols.padBefore;
                        if (ix < 0 || ix >= in.width) {
                            continue;
                        }
                        int inBase = (iy * in.width + ix) * in.channels;
                        int filterBase = (ky * kernel + kx) * in.channels * outChannels;
                        for (int ci = 0; ci < in.channels; ci++) {
                            float v = in.data[inBase + ci];
                            if (v == 0) {
                                continue;
                            }
                            int f = filterBase + ci * outChannels;
                            for (int co = 0; co < outChannels; co++) {
                                acc[co] += v * filters[f + co];
                            }
                        }
                    }
                }
                System.arraycopy(acc, 0, out.data, (oy * out.width + ox) * outChannels, outChannels);
            }
        }
        return out;
    }

    /** Depthwise 3×3 (or k×k) convolution followed by a 1×1 pointwise one, then the bias. */
    static Tensor separableConv(
            Tensor in, float[] depthwise, float[] pointwise, float[] bias, int kernel, int stride, Padding padding) {
        Window rows = Window.of(in.height, kernel, stride, padding);
        Window cols = Window.of(in.width, kernel, stride, padding);
        int channels = in.channels;
        Tensor spatial = new Tensor(rows.out, cols.out, channels);
        for (int oy = 0; oy < rows.out; oy++) {
            for (int ox = 0; ox < cols.out; ox++) {
                int outBase = (oy * spatial.width + ox) * channels;
                for (int ky = 0; ky < kernel; ky++) {
                    int iy = oy * stride + ky - rows.padBefore;
                    if (iy < 0 || iy >= in.height) {
                        continue;
                    }
                    for (int kx = 0; kx < kernel; kx++) {
                        int ix = ox * stride + kx - cols.padBefore;
                        if (ix < 0 || ix >= in.width) {
                            continue;
                        }
                        int inBase = (iy * in.width + ix) * channels;
                        int f = (ky * kernel + kx) * channels;
                        for (int c = 0; c < channels; c++) {
                            spatial.data[outBase + c] += in.data[inBase + c] * depthwise[f + c];
                        }
                    }
                }
            }
        }
        return conv(spatial, pointwise, bias, 1, 1, Padding.VALID);
    }

    /** Zero rows and columns around the input, as {@code tf.pad} does before a "valid" convolution. */
    static Tensor pad(Tensor in, int amount) {
        Tensor out = new Tensor(in.height + 2 * amount, in.width + 2 * amount, in.channels);
        for (int y = 0; y < in.height; y++) {
            System.arraycopy(
                    in.data,
                    y * in.width * in.channels,
                    out.data,
                    ((y + amount) * out.width + amount) * in.channels,
                    in.width * in.channels);
        }
        return out;
    }

    static Tensor maxPool(Tensor in, int size, int stride, Padding padding) {
        return pool(in, size, stride, padding, true);
    }

    /** Average over the cells inside the input (TensorFlow leaves padding out of the count). */
    static Tensor avgPool(Tensor in, int size, int stride, Padding padding) {
        return pool(in, size, stride, padding, false);
    }

    private static Tensor pool(Tensor in, int size, int stride, Padding padding, boolean max) {
        Window rows = Window.of(in.height, size, stride, padding);
        Window cols = Window.of(in.width, size, stride, padding);
        Tensor out = new Tensor(rows.out, cols.out, in.channels);
        for (int oy = 0; oy < rows.out; oy++) {
            for (int ox = 0; ox < cols.out; ox++) {
                for (int c = 0; c < in.channels; c++) {
                    float best = Float.NEGATIVE_INFINITY;
                    float sum = 0;
                    int count = 0;
                    for (int ky = 0; ky < size; ky++) {
                        int iy = oy * stride + ky - rows.padBefore;
                        for (int kx = 0; kx < size; kx++) {
                            int ix = ox * stride + kx - cols.padBefore;
                            if (iy < 0 || iy >= in.height || ix < 0 || ix >= in.width) {
                                continue;
                            }
                            float v = in.get(iy, ix, c);
                            best = Math.max(best, v);
                            sum += v;
                            count++;
                        }
                    }
                    out.set(oy, ox, c, max ? best : sum / count);
                }
            }
        }
        return out;
    }

    /** x·scale + shift per channel. */
    static Tensor scale(Tensor in, float[] scale, float[] shift) {
        float[] d = in.data;
        for (int i = 0; i < d.length; i++) {
            int c = i % in.channels;
            d[i] = d[i] * scale[c] + shift[c];
        }
        return in;
    }

    static Tensor relu(Tensor in) {
        float[] d = in.data;
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0, d[i]);
        }
        return in;
    }

    /** Leaky ReLU with slope 0.1, as the tiny face detector was trained with. */
    static Tensor leaky(Tensor in) {
        float[] d = in.data;
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] < 0 ? 0.1f * d[i] : d[i];
        }
        return in;
    }

    /** Element-wise sum of tensors of one shape, into a new tensor. */
    static Tensor add(Tensor first, Tensor... rest) {
        Tensor out = new Tensor(first.height, first.width, first.channels, first.data.clone());
        for (Tensor t : rest) {
            if (t.data.length != out.data.length) {
                throw new IllegalArgumentException("added tensors differ in shape");
            }
            for (int i = 0; i < out.data.length; i++) {
                out.data[i] += t.data[i];
            }
        }
        return out;
    }

    /** The input inside a larger zero tensor (zeros after the input on every axis). */
    static Tensor zeroExtend(Tensor in, int height, int width, int channels) {
        Tensor out = new Tensor(height, width, channels);
        for (int y = 0; y < in.height; y++) {
            for (int x = 0; x < in.width; x++) {
                System.arraycopy(
                        in.data, (y * in.width + x) * in.channels, out.data, (y * width + x) * channels, in.channels);
            }
        }
        return out;
    }

    /** Mean over all cells: one value per channel. */
    static float[] globalMean(Tensor in) {
        float[] out = new float[in.channels];
        int cells = in.height * in.width;
        for (int i = 0; i < in.data.length; i++) {
            out[i % in.channels] += in.data[i];
        }
        for (int c = 0; c < out.length; c++) {
            out[c] /= cells;
        }
        return out;
    }

    /** x·W + b with W laid out [in][out]. */
    static float[] dense(float[] x, float[] weights, float[] bias) {
        int outSize = bias.length;
        if (weights.length != x.length * outSize) {
            throw new IllegalArgumentException("dense weights do not match the input");
        }
        float[] out = bias.clone();
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            int base = i * outSize;
            for (int o = 0; o < outSize; o++) {
                out[o] += v * weights[base + o];
            }
        }
        return out;
    }

    /** One spatial axis of a window op: output length and padding before, by TensorFlow's rules. */
    record Window(int out, int padBefore) {

        static Window of(int in, int kernel, int stride, Padding padding) {
            if (padding == Padding.VALID) {
                return new Window((in - kernel + stride) / stride, 0);
            }
            int out = (in + stride - 1) / stride;
            int total = Math.max((out - 1) * stride + kernel - in, 0);
            return new Window(out, total / 2);
        }
    }
}
