package org.examhall.proctor.detect;

/**
 * Turns a per-sample condition ("this frame is black") into events with hysteresis: an event starts once
 * the condition has held for {@code minSeconds} (dated from when it began) and ends once it has been
 * absent for {@code clearSeconds} (dated from when it was last seen). Dips shorter than
 * {@code clearSeconds} neither end an event nor restart a pending one. Times are seconds on any timeline.
 */
public final class ConditionTracker {

    /** A change of state: the event started at {@code at}, or ended at {@code at}. */
    public record Transition(boolean started, double at, double confidence) {}

    private final double minSeconds;
    private final double clearSeconds;
    private double since = Double.NaN;
    private double lastTrue = Double.NaN;
    private double scoreSum;
    private int scoreCount;
    private boolean active;

    public ConditionTracker(double minSeconds, double clearSeconds) {
        this.minSeconds = minSeconds;
        this.clearSeconds = clearSeconds;
    }

    /** @return the transition this sample causes, or null */
    public Transition update(double t, boolean condition, double score) {
        if (condition) {
            if (Double.isNaN(since)) {
                since = t;
                scoreSum = 0;
                scoreCount = 0;
            }
            lastTrue = t;
            scoreSum += score;
            scoreCount++;
            if (!active && t - since >= minSeconds) {
                active = true;
                return new Transition(true, since, confidence());
            }
            return null;
        }
        if (!Double.isNaN(since) && t - lastTrue >= clearSeconds) {
            return reset();
        }
        return null;
    }

    /** Ends an open event at the last time the condition was seen (the stream stopped). */
    public Transition finish() {
        return Double.isNaN(since) ? null : reset();
    }

    /** The condition has been seen and not yet cleared (an event may or may not have started). */
    public boolean pending() {
        return !Double.isNaN(since);
    }

    private Transition reset() {
        boolean wasActive = active;
        double end = lastTrue;
        double confidence = confidence();
        active = false;
        since = Double.NaN;
        lastTrue = Double.NaN;
        return wasActive ? new Transition(false, end, confidence) : null;
    }

    private double confidence() {
        return scoreCount == 0 ? 0 : scoreSum / scoreCount;
    }
}
