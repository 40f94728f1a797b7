package org.examhall.proctor.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * Maps a connection's media timestamps to wall-clock time. The camera's clock decides the spacing of
 * packets (so a burst delivered late is not squeezed together), the gateway's clock decides where the
 * connection sits in the day. A live camera whose timestamps fall behind real time by more than
 * {@link #MAX_DRIFT} (a clock jump, a restarted encoder behind a relay) is re-anchored.
 */
final class StreamClock {

    static final Duration MAX_DRIFT = Duration.ofSeconds(5);

    private final boolean live;
    private Instant anchor;
    private long anchorMicros;

    StreamClock(Instant anchor, long anchorMicros, boolean live) {
        this.anchor = anchor;
        this.anchorMicros = anchorMicros;
        this.live = live;
    }

    Instant at(long mediaMicros, Instant now) {
        Instant at = anchor.plusNanos((mediaMicros - anchorMicros) * 1000);
        // A live packet cannot be from the future: the clock was anchored late (the first packets waited in
        // FFmpeg's probe buffer), so pull it back to this packet's arrival. Arrival only ever lags sending,
        // so after the buffered burst the clock follows real arrival times.
        if (live && (at.isAfter(now) || Duration.between(at, now).compareTo(MAX_DRIFT) > 0)) {
            anchor = now;
            anchorMicros = mediaMicros;
            return now;
        }
        return at;
    }
}
