package org.examhall.server.checkin.face;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;

/**
 * Mean absolute difference of two whole pictures as 64×64 grey thumbnails, in grey levels (0–255).
 * A copy of a picture (re-encoded, resized) differs by a level or two; two captures by a real
 * camera, even a moment apart, differ by more through sensor noise, light and movement.
 */
public final class PictureDifference {

    private static final int SIZE = 64;

    private PictureDifference() {}

    public static double meanAbsolute(BufferedImage a, BufferedImage b) {
        int[] ga = thumbnail(a);
        int[] gb = thumbnail(b);
        long sum = 0;
        for (int i = 0; i < ga.length; i++) {
            sum += Math.abs(ga[i] - gb[i]);
        }
        return (double) sum / ga.length;
    }

    private static int[] thumbnail(BufferedImage image) {
        // Area averaging, so that the thumbnail reflects the picture rather than a few sampled pixels.
        Image scaled = image.getScaledInstance(SIZE, SIZE, Image.SCALE_AREA_AVERAGING);
        BufferedImage small = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.drawImage(scaled, 0, 0, null);
        g.dispose();
        return small.getRaster().getPixels(0, 0, SIZE, SIZE, (int[]) null);
    }
}
