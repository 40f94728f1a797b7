package org.examhall.server.checkin.face;

/**
 * A height × width × channels block of floats, channels innermost (the layout of TensorFlow.js,
 * in which the face networks' weights were trained and saved, so their filters index it directly).
 */
final class Tensor {

    final int height;
    final int width;
    final int channels;
    final float[] data;

    Tensor(int height, int width, int channels) {
        this(height, width, channels, new float[height * width * channels]);
    }

    Tensor(int height, int width, int channels, float[] data) {
        if (data.length != height * width * channels) {
            throw new IllegalArgumentException("tensor data does not match " + height + "×" + width + "×" + channels);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.data = data;
    }

    float get(int y, int x, int c) {
        return data[(y * width + x) * channels + c];
    }

    void set(int y, int x, int c, float value) {
        data[(y * width + x) * channels + c] = value;
    }
}
