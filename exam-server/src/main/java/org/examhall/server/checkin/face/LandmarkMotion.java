package org.examhall.server.checkin.face;

/**
 * How much a face changed shape between two frames: the landmarks of one are moved, scaled and
 * rotated to fit the other's as well as possible (a 2-D Procrustes fit), and what remains is the
 * root-mean-square distance, in units of the face's size. A photo held up to the camera and moved
 * keeps its shape (only landmark noise remains); a live face blinks, speaks and turns.
 */
public final class LandmarkMotion {

    private LandmarkMotion() {}

    /** Both arrays are x0, y0, x1, y1, …, of equal length. */
    public static double nonRigid(float[] a, float[] b) {
        double[] p = normalised(a);
        double[] q = normalised(b);
        double dot = 0;
        double cross = 0;
        for (int i = 0; i < p.length; i += 2) {
            dot += p[i] * q[i] + p[i + 1] * q[i + 1];
            cross += p[i] * q[i + 1] - p[i + 1] * q[i];
        }
        double angle = Math.atan2(cross, dot);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double sum = 0;
        for (int i = 0; i < p.length; i += 2) {
            double dx = cos * p[i] - sin * p[i + 1] - q[i];
            double dy = sin * p[i] + cos * p[i + 1] - q[i + 1];
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / (p.length / 2.0));
    }

    /** Centred on the mean point and scaled to unit root-mean-square distance from it. */
    private static double[] normalised(float[] points) {
        int n = points.length / 2;
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < points.length; i += 2) {
            cx += points[i];
            cy += points[i + 1];
        }
        cx /= n;
        cy /= n;
        double[] out = new double[points.length];
        double size = 0;
        for (int i = 0; i < points.length; i += 2) {
            out[i] = points[i] - cx;
            out[i + 1] = points[i + 1] - cy;
            size += out[i] * out[i] + out[i + 1] * out[i + 1];
        }
        size = Math.sqrt(size / n);
        for (int i = 0; i < out.length; i++) {
            out[i] = size == 0 ? 0 : out[i] / size;
        }
        return out;
    }
}
