package org.examhall.tools.demo;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Enrolment photos for the demo candidates: a drawn portrait card with the name, no real person's face. */
final class DemoPhotos {

    private DemoPhotos() {}

    static byte[] portrait(String name, Color background) {
        return png(draw(name, background));
    }

    /**
     * The same card photographed at the door: a little brighter, as a second capture under other light
     * is. Sending the enrolled bytes back would be refused as a replay.
     */
    static byte[] capture(String name, Color background) {
        return png(new RescaleOp(1f, 8f, null).filter(draw(name, background), null));
    }

    private static BufferedImage draw(String name, Color background) {
        BufferedImage image = new BufferedImage(240, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, 240, 320);
        g.setColor(new Color(0xF1C9A5));
        g.fillOval(70, 60, 100, 125);
        g.setColor(new Color(0x2B2B2B));
        g.fillArc(66, 50, 108, 70, 0, 180);
        g.fillOval(97, 110, 10, 8);
        g.fillOval(133, 110, 10, 8);
        g.setColor(new Color(0x1F3A5F));
        g.fillRoundRect(40, 200, 160, 120, 60, 60);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString(name, 120 - g.getFontMetrics().stringWidth(name) / 2, 300);
        g.dispose();
        return image;
    }

    private static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
