package org.examhall.proctor.detect;

/** A downscaled luma picture (one byte per pixel, 0..255, row-major), all the picture detectors look at. */
public record GrayFrame(int width, int height, byte[] pixels) {

    public GrayFrame {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("pixel count does not match size");
        }
    }
}
