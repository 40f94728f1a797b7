package org.examhall.proctor.ingest;

/**
 * Reconnect delays that double from {@code initialMillis} up to {@code maxMillis}, so a camera that is
 * being rebooted is retried quickly and one that is gone for the day does not flood the log.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long next;

    public Backoff(long initialMillis, long maxMillis) {
        if (initialMillis <= 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.next = initialMillis;
    }

    /** The delay before the next attempt; each call doubles the following one. */
    public long nextDelayMillis() {
        long delay = next;
        next = Math.min(maxMillis, next * 2);
        return delay;
    }

    /** Called once a connection delivers media again. */
    public void reset() {
        next = initialMillis;
    }
}
