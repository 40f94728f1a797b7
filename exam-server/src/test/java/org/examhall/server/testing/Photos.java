package org.examhall.server.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Pictures for face-check tests: a "person" drawn from a seed, and captures of them with sensor
 * noise and the door's own light (a few grey levels brighter, as a real second capture is: a copy
 * of the enrolled photo is refused as a replay, see ReplayCheck).
 */
public final class Photos {

    private static final int DOOR_LIGHT = 5;

    private Photos() {}

    /** A face-like picture; different seeds give clearly different pictures. */
    public static byte[] person(long seed, int noise) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
        g.fillRect(0, 0, 320, 240);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(
                    60 + random.nextInt(160),
                    30 + random.nextInt(140),
                    20 + random.nextInt(80),
                    20 + random.nextInt(80));
        }
        g.dispose();
        Random sensor = new Random(seed * 31 + noise);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                int rgb = image.getRGB(x, y);
                int delta = noise == 0 ? 0 : DOOR_LIGHT + sensor.nextInt(2 * noise + 1) - noise;
                int r = clamp(((rgb >> 16) & 0xff) + delta);
                int gg = clamp(((rgb >> 8) & 0xff) + delta);
                int b = clamp((rgb & 0xff) + delta);
                image.setRGB(x, y, (r << 16) | (gg << 8) | b);
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
