package org.examhall.proctor.detect;

/**
 * A camera repeating one picture. Sampled frames are compared block by block (16×16): a live room always
 * has a few blocks that change (people, the OSD clock, sensor noise), a frozen encoder has none. Counting
 * changed blocks instead of averaging the whole difference keeps one moving candidate from being diluted
 * by a static room, and a ticking clock from hiding a freeze would need more than 1% of the picture.
 */
public final class FrozenPictureDetector {

    static final int BLOCK = 16;
    /** Mean absolute luma difference above which a block counts as changed (compression noise stays below). */
    static final double BLOCK_CHANGE = 2.0;

    static final double CHANGED_SHARE = 0.01;

    private final ConditionTracker tracker;
    private GrayFrame previous;
    private double previousAt;

    public FrozenPictureDetector(double minSeconds) {
        this.tracker = new ConditionTracker(minSeconds, 1.5);
    }

    /** Share of blocks whose mean absolute difference exceeds {@link #BLOCK_CHANGE}. */
    public static double changedShare(GrayFrame a, GrayFrame b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            return 1;
        }
        int bx = a.width() / BLOCK;
        int by = a.height() / BLOCK;
        int changed = 0;
        for (int j = 0; j < by; j++) {
            for (int i = 0; i < bx; i++) {
                long sum = 0;
                for (int y = j * BLOCK; y < (j + 1) * BLOCK; y++) {
                    int row = y * a.width();
                    for (int x = i * BLOCK; x < (i + 1) * BLOCK; x++) {
                        sum += Math.abs((a.pixels()[row + x] & 0xff) - (b.pixels()[row + x] & 0xff));
                    }
                }
                if (sum > BLOCK_CHANGE * BLOCK * BLOCK) {
                    changed++;
                }
            }
        }
        return bx * by == 0 ? 1 : (double) changed / (bx * by);
    }

    /** A black picture is not also reported as frozen: the black detector owns that case. */
    public ConditionTracker.Transition update(double t, GrayFrame frame) {
        GrayFrame before = previous;
        double beforeAt = previousAt;
        previous = frame;
        previousAt = t;
        if (before == null) {
            return null;
        }
        double changed = changedShare(before, frame);
        boolean frozen = changed < CHANGED_SHARE && !BlackPictureDetector.isBlack(frame);
        double confidence = 1 - changed / CHANGED_SHARE * 0.5;
        if (frozen && !tracker.pending()) {
            // The picture stopped changing at the earlier frame of the first identical pair.
            tracker.update(beforeAt, true, confidence);
        }
        return tracker.update(t, frozen, confidence);
    }

    public ConditionTracker.Transition finish() {
        previous = null;
        return tracker.finish();
    }
}
