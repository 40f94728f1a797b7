package org.examhall.proctor.detect;

/**
 * A covered lens or dead sensor: nearly every pixel dark. The share of dark pixels rather than the mean is
 * used so a camera's bright on-screen clock does not hide a black picture.
 */
public final class BlackPictureDetector {

    static final int DARK_LUMA = 40;
    static final double DARK_SHARE = 0.92;

    private final ConditionTracker tracker;

    public BlackPictureDetector(double minSeconds) {
        this.tracker = new ConditionTracker(minSeconds, 1.5);
    }

    public static double darkShare(GrayFrame frame) {
        byte[] p = frame.pixels();
        int dark = 0;
        for (byte b : p) {
            if ((b & 0xff) < DARK_LUMA) {
                dark++;
            }
        }
        return (double) dark / p.length;
    }

    public static boolean isBlack(GrayFrame frame) {
        return darkShare(frame) >= DARK_SHARE;
    }

    public ConditionTracker.Transition update(double t, GrayFrame frame) {
        double share = darkShare(frame);
        return tracker.update(t, share >= DARK_SHARE, share);
    }

    public ConditionTracker.Transition finish() {
        return tracker.finish();
    }
}
