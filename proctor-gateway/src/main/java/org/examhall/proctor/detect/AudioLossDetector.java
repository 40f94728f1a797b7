package org.examhall.proctor.detect;

/**
 * A microphone that stopped: digital silence (a real room is never exactly zero), or no audio packets at
 * all while the video keeps coming. Either way the recording has no sound pickup, which the rules require.
 */
public final class AudioLossDetector {

    private final ConditionTracker tracker;

    public AudioLossDetector(double minSeconds) {
        this.tracker = new ConditionTracker(minSeconds, 1);
    }

    public ConditionTracker.Transition frame(double t, AudioFeatures features) {
        return tracker.update(t, features.digitalSilence(), 1.0);
    }

    /** The video is at {@code t} but no audio packet has arrived since {@code lastAudio}. */
    public ConditionTracker.Transition noPackets(double t, double lastAudio) {
        if (!tracker.pending()) {
            // The loss began with the last packet, not when it was noticed.
            tracker.update(lastAudio, true, 1.0);
        }
        return tracker.update(t, true, 1.0);
    }

    public ConditionTracker.Transition finish() {
        return tracker.finish();
    }
}
