package org.examhall.server.checkin;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** What someone could send instead of a live capture: copies of a picture, and the same picture moved as a whole. */
final class PictureCopies {

    private PictureCopies() {}

    static byte[] jpeg(BufferedImage picture, float quality) {
        BufferedImage rgb = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(picture, 0, 0, null);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static BufferedImage halved(BufferedImage picture) {
        return moved(picture, picture.getWidth() / 2, picture.getHeight() / 2, 0, 0.5, 0, 0);
    }

    /** The picture turned by degrees, scaled and shifted on a grey canvas of the given size. */
    static BufferedImage moved(
            BufferedImage picture, int width, int height, double degrees, double scale, double dx, double dy) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(width / 2.0 + dx, height / 2.0 + dy);
        t.rotate(Math.toRadians(degrees));
        t.scale(scale, scale);
        t.translate(-picture.getWidth() / 2.0, -picture.getHeight() / 2.0);
        g.drawImage(picture, t, null);
        g.dispose();
        return out;
    }

    static byte[] png(BufferedImage picture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
