package org.examhall.proctor.detect;

import java.time.Duration;
import java.time.Instant;

/**
 * The link sent with an anomaly: the gateway's playback page for the camera around the event, from a
 * little before it starts (context matters to whoever reviews it) to a little after it ends.
 */
public final class ClipLinks {

    static final Duration BEFORE = Duration.ofSeconds(10);
    static final Duration AFTER = Duration.ofSeconds(10);
    /** An ongoing event has no end yet; link a minute, the reviewer can extend it. */
    static final Duration ONGOING = Duration.ofSeconds(60);

    private final String baseUrl;

    public ClipLinks(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public String playback(String room, String camera, Instant from, Instant to) {
        Instant end = to == null ? from.plus(ONGOING) : to.plus(AFTER);
        return baseUrl + "/play/" + room + "?camera=" + camera + "&from=" + from.minus(BEFORE) + "&to=" + end;
    }
}
