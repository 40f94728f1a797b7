package org.examhall.protocol.retry;

import java.util.function.DoubleSupplier;

/**
 * When to try again after a failure: {@code initial × multiplier^(attempt−1)}, capped at the maximum, less
 * a random share of up to {@code jitter} of it. exam-server's delivery of result packages uses jitter, so that
 * nodes and packages that failed together do not all come back at the same moment; the gateway reconnects
 * a camera by plain doubling ({@link #doubling}), so one being rebooted is retried quickly and one gone for
 * the day does not flood the log. The caller counts the attempts.
 */
public final class Backoff {

    private final long initialMs;
    private final double multiplier;
    private final long maxMs;
    private final double jitter;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) that pick each delay's share of the jitter */
    public Backoff(long initialMs, double multiplier, long maxMs, double jitter, DoubleSupplier random) {
        if (initialMs <= 0 || maxMs < initialMs || multiplier < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("need 0 < initial <= max, multiplier >= 1 and jitter in [0, 1]");
        }
        this.initialMs = initialMs;
        this.multiplier = multiplier;
        this.maxMs = maxMs;
        this.jitter = jitter;
        this.random = random;
    }

    /** Delays that double from {@code initialMs} up to {@code maxMs}, without jitter. */
    public static Backoff doubling(long initialMs, long maxMs) {
        return new Backoff(initialMs, 2, maxMs, 0, () -> 0);
    }

    /** @param attempt the attempt that just failed, from 1 */
    public long delayMs(int attempt) {
        double base = initialMs * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, maxMs);
        return Math.max(1, Math.round(capped * (1 - jitter * random.getAsDouble())));
    }
}
