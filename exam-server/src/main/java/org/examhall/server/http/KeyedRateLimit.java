package org.examhall.server.http;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key (a client address, a sitting, a terminal) in a fixed window and says when a
 * key has had its share. Kept per node: a cluster behind a balancer multiplies each limit by its
 * nodes, which docs/security.md says. The map forgets windows that have ended, so a spray of keys cannot
 * grow it forever.
 */
public final class KeyedRateLimit {

    private static final int SWEEP_ABOVE = 10_000;

    private final int max;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    private record Window(long startedAt, int count) {}

    public KeyedRateLimit(int max, Duration window, Clock clock) {
        this.max = max;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Whether the key is still under its limit in the current window. */
    public boolean allows(String key) {
        Window window = windows.get(key);
        return window == null || expired(window, clock.millis()) || window.count() < max;
    }

    public void count(String key) {
        long now = clock.millis();
        // At most one sweep per window: with more live keys than SWEEP_ABOVE (a signal limit per sitting
        // at 10,000 terminals), sweeping on every count would walk the whole map on a hot path.
        if (windows.size() > SWEEP_ABOVE && now - lastSweep >= windowMillis) {
            lastSweep = now;
            windows.values().removeIf(w -> expired(w, now));
        }
        windows.merge(
                key,
                new Window(now, 1),
                (old, one) -> expired(old, now) ? one : new Window(old.startedAt(), old.count() + 1));
    }

    /** Seconds until the key's window ends. */
    public long retryAfterSeconds(String key) {
        Window window = windows.get(key);
        return window == null ? 0 : Math.max(1, (window.startedAt() + windowMillis - clock.millis() + 999) / 1000);
    }

    private boolean expired(Window window, long now) {
        return now - window.startedAt() >= windowMillis;
    }
}
