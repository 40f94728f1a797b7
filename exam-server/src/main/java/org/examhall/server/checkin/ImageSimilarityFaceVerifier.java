package org.examhall.server.checkin;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * The fallback comparison: the centre of the two pictures (where the face is framed at the door)
 * by the structural similarity (SSIM) of 64×64 grey-level thumbnails. It is a picture similarity,
 * not a face recognition (two different people before the same background can score 0.99), so
 * every result says {@code biometric: false}. It serves where {@link FaceRecognitionVerifier}'s
 * networks cannot load, and for synthetic test pictures that contain no real face.
 */
public final class ImageSimilarityFaceVerifier implements FaceVerifier {

    public static final String METHOD = "ssim-64";
    private static final int SIZE = 64;
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);

    private final double threshold;

    public ImageSimilarityFaceVerifier(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public Comparison compare(byte[] enrolledImage, byte[] liveImage) {
        BufferedImage enrolledPicture = ReplayCheck.read(enrolledImage);
        BufferedImage livePicture = ReplayCheck.read(liveImage);
        Optional<String> replay = ReplayCheck.refusal(enrolledImage, enrolledPicture, liveImage, livePicture);
        if (replay.isPresent()) {
            return new Comparison(0, threshold, ReplayCheck.METHOD, replay.get(), false, null);
        }
        double[] enrolled = thumbnail(enrolledPicture);
        double[] live = thumbnail(livePicture);
        if (enrolled == null || live == null) {
            return new Comparison(
                    0,
                    threshold,
                    METHOD,
                    enrolled == null ? "enrolled photo unreadable" : "live photo unreadable",
                    false,
                    null);
        }
        double ssim = ssim(enrolled, live);
        return new Comparison(Math.max(0, Math.min(1, ssim)), threshold, METHOD, null, false, null);
    }

    /** Mean SSIM over 8×8 windows. */
    static double ssim(double[] a, double[] b) {
        double total = 0;
        int windows = 0;
        for (int wy = 0; wy < SIZE; wy += 8) {
            for (int wx = 0; wx < SIZE; wx += 8) {
                double ma = 0;
                double mb = 0;
                for (int y = wy; y < wy + 8; y++) {
                    for (int x = wx; x < wx + 8; x++) {
                        ma += a[y * SIZE + x];
                        mb += b[y * SIZE + x];
                    }
                }
                ma /= 64;
                mb /= 64;
                double va = 0;
                double vb = 0;
                double cov = 0;
                for (int y = wy; y < wy + 8; y++) {
                    for (int x = wx; x < wx + 8; x++) {
                        double da = a[y * SIZE + x] - ma;
                        double db = b[y * SIZE + x] - mb;
                        va += da * da;
                        vb += db * db;
                        cov += da * db;
                    }
                }
                va /= 63;
                vb /= 63;
                cov /= 63;
                total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
                windows++;
            }
        }
        return total / windows;
    }

    /** The central square (60 % of the shorter side) as 64×64 grey levels; null when unreadable. */
    private static double[] thumbnail(BufferedImage source) {
        if (source == null) {
            return null;
        }
        int side = (int) (Math.min(source.getWidth(), source.getHeight()) * 0.6);
        int x0 = (source.getWidth() - side) / 2;
        int y0 = (source.getHeight() - side) / 2;
        BufferedImage small = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, SIZE, SIZE, x0, y0, x0 + side, y0 + side, null);
        g.dispose();
        double[] out = new double[SIZE * SIZE];
        small.getRaster().getPixels(0, 0, SIZE, SIZE, out);
        return out;
    }
}
