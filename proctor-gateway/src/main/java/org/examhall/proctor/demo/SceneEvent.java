package org.examhall.proctor.demo;

/**
 * Something happening in a generated scene, from {@code fromSeconds} (inclusive) to {@code toSeconds}
 * (exclusive) of scene time. The demo uses speech; the detector tests script every kind and use the same
 * list as ground truth.
 */
public record SceneEvent(Kind kind, double fromSeconds, double toSeconds) {

    public enum Kind {
        /** A person talking at conversational level. */
        SPEECH,
        /** Low talking or whispering, about 12 dB below conversation. */
        WHISPER,
        /** The microphone delivers digital zeros (unplugged, muted). */
        SILENCE,
        /** The lens is covered or the camera's sensor died. */
        BLACK,
        /** The camera repeats one picture. */
        FROZEN
    }

    public SceneEvent {
        if (toSeconds <= fromSeconds) {
            throw new IllegalArgumentException("event must have a positive duration");
        }
    }

    public boolean covers(double t) {
        return t >= fromSeconds && t < toSeconds;
    }
}
