package org.examhall.server.checkin.face;

import java.awt.image.BufferedImage;

/** Image ↔ tensor steps the networks expect, reproducing TensorFlow.js's (zero padding, legacy bilinear resize). */
final class Pixels {

    private Pixels() {}

    /** RGB values 0..255. */
    static Tensor rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        Tensor out = new Tensor(h, w, 3);
        for (int i = 0; i < argb.length; i++) {
            out.data[3 * i] = (argb[i] >> 16) & 0xff;
            out.data[3 * i + 1] = (argb[i] >> 8) & 0xff;
            out.data[3 * i + 2] = argb[i] & 0xff;
        }
        return out;
    }

    /** The region clipped to the image; null when nothing of it lies inside. */
    static Tensor crop(Tensor image, Region region) {
        Region clipped = region.clippedTo(image.width, image.height);
        if (clipped == null) {
            return null;
        }
        Tensor out = new Tensor(clipped.height(), clipped.width(), image.channels);
        for (int y = 0; y < clipped.height(); y++) {
            System.arraycopy(
                    image.data,
                    ((clipped.y() + y) * image.width + clipped.x()) * image.channels,
                    out.data,
                    y * clipped.width() * image.channels,
                    clipped.width() * image.channels);
        }
        return out;
    }

    /**
     * Zeros along the shorter side until the image is square: centred (half before, half after) or,
     * as the detector was trained, all after.
     */
    static Tensor padToSquare(Tensor in, boolean centred) {
        int side = Math.max(in.height, in.width);
        int diff = side - Math.min(in.height, in.width);
        int after = centred ? Math.round(diff * 0.5f) : diff;
        int before = diff - after;
        int top = in.height < in.width ? before : 0;
        int left = in.width < in.height ? before : 0;
        Tensor out = new Tensor(side, side, in.channels);
        for (int y = 0; y < in.height; y++) {
            System.arraycopy(
                    in.data,
                    y * in.width * in.channels,
                    out.data,
                    ((y + top) * side + left) * in.channels,
                    in.width * in.channels);
        }
        return out;
    }

    /** {@code tf.image.resizeBilinear} without corner alignment or half-pixel centres. */
    static Tensor resize(Tensor in, int height, int width) {
        Tensor out = new Tensor(height, width, in.channels);
        float sy = (float) in.height / height;
        float sx = (float) in.width / width;
        for (int y = 0; y < height; y++) {
            float fy = y * sy;
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, in.height - 1);
            float dy = fy - y0;
            for (int x = 0; x < width; x++) {
                float fx = x * sx;
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, in.width - 1);
                float dx = fx - x0;
                for (int c = 0; c < in.channels; c++) {
                    float top = in.get(y0, x0, c) + (in.get(y0, x1, c) - in.get(y0, x0, c)) * dx;
                    float bottom = in.get(y1, x0, c) + (in.get(y1, x1, c) - in.get(y1, x0, c)) * dx;
                    out.set(y, x, c, top + (bottom - top) * dy);
                }
            }
        }
        return out;
    }

    /** (v − mean[c]) / 255 in place: the input normalisation all three networks were trained with. */
    static Tensor normalise(Tensor in, float[] meanRgb) {
        for (int i = 0; i < in.data.length; i++) {
            in.data[i] = (in.data[i] - meanRgb[i % 3]) / 255f;
        }
        return in;
    }

    /** A whole-pixel rectangle. */
    record Region(int x, int y, int width, int height) {

        static Region around(double x, double y, double width, double height) {
            return new Region(
                    (int) Math.floor(x), (int) Math.floor(y), (int) Math.floor(width), (int) Math.floor(height));
        }

        Region clippedTo(int imageWidth, int imageHeight) {
            int x0 = Math.max(x, 0);
            int y0 = Math.max(y, 0);
            int x1 = Math.min(x + width, imageWidth);
            int y1 = Math.min(y + height, imageHeight);
            return x1 > x0 && y1 > y0 ? new Region(x0, y0, x1 - x0, y1 - y0) : null;
        }
    }
}
