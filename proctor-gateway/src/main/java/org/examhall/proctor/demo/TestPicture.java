package org.examhall.proctor.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * A moving test picture in place of a room camera: desks, a figure walking between them, sensor noise, the
 * room name and an on-screen clock like a real camera's OSD. Everything moves a little every frame, as a
 * live room does.
 */
public final class TestPicture {

    private static final DateTimeFormatter OSD = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Sensor noise: a tile of grey speckle laid over the picture at a new offset every frame. */
    private static final int GRAIN_TILE = 256;

    private static final int GRAIN_ALPHA = 28;

    private final String label;
    private final ZoneId zone;
    private final Random random = new Random(42);
    private final BufferedImage grain = grainTile();

    public TestPicture(String label, ZoneId zone) {
        this.label = label;
        this.zone = zone;
    }

    /**
     * A real camera's picture is never clean: sensor noise changes every pixel a little in every frame. It
     * is what gives a 1080p camera its bitrate, and what tells a live static room from a frozen encoder.
     */
    private BufferedImage grainTile() {
        BufferedImage tile = new BufferedImage(GRAIN_TILE, GRAIN_TILE, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < GRAIN_TILE; y++) {
            for (int x = 0; x < GRAIN_TILE; x++) {
                int v = random.nextInt(256);
                tile.setRGB(x, y, GRAIN_ALPHA << 24 | v << 16 | v << 8 | v);
            }
        }
        return tile;
    }

    /**
     * @param lensCovered draw what a covered camera shows: black, with only its clock overlay
     */
    public void draw(BufferedImage image, double sceneSeconds, Instant wallClock, boolean lensCovered) {
        int w = image.getWidth();
        int h = image.getHeight();
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            if (lensCovered) {
                g.setColor(new Color(2, 2, 2));
                g.fillRect(0, 0, w, h);
                drawOsd(g, w, h, wallClock);
                return;
            }
            g.setColor(new Color(196, 200, 190));
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(120, 90, 60));
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 5; col++) {
                    g.fillRect(w * (2 * col + 1) / 11, h * (4 + 2 * row) / 10, w / 12, h / 20);
                }
            }
            double x = (0.5 + 0.4 * Math.sin(sceneSeconds * 0.7)) * w;
            double y = (0.55 + 0.25 * Math.sin(sceneSeconds * 0.45 + 1)) * h;
            int r = Math.max(4, h / 14);
            g.setColor(new Color(40, 60, 140));
            g.fillOval((int) x - r, (int) y - r, 2 * r, 2 * r);
            g.setStroke(new BasicStroke(Math.max(1, w / 160f)));
            g.setColor(new Color(200, 30, 30));
            double angle = sceneSeconds * 2 * Math.PI / 10;
            int cx = w - h / 8 - 4;
            int cy = h / 8 + 4;
            g.drawLine(cx, cy, cx + (int) (Math.sin(angle) * h / 9), cy - (int) (Math.cos(angle) * h / 9));
            drawGrain(g, w, h);
            drawOsd(g, w, h, wallClock);
        } finally {
            g.dispose();
        }
    }

    private void drawGrain(Graphics2D g, int w, int h) {
        int dx = random.nextInt(GRAIN_TILE);
        int dy = random.nextInt(GRAIN_TILE);
        for (int ty = -dy; ty < h; ty += GRAIN_TILE) {
            for (int tx = -dx; tx < w; tx += GRAIN_TILE) {
                g.drawImage(grain, tx, ty, null);
            }
        }
    }

    private void drawOsd(Graphics2D g, int w, int h, Instant wallClock) {
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(10, h / 18)));
        g.setColor(Color.WHITE);
        g.drawString(OSD.format(wallClock.atZone(zone)) + "  " + label, 6, h - 8);
    }
}
