package org.examhall.load;

import java.util.concurrent.TimeUnit;

/**
 * The run's time line: {@link System#nanoTime()} for measuring, wall-clock milliseconds for what
 * other programs write (fault marks) and for the report, and whole seconds since the start for the
 * per-second timeline.
 */
record RunClock(long startNanos, long startEpochMs) {

    static RunClock startingNow() {
        return new RunClock(System.nanoTime(), System.currentTimeMillis());
    }

    long second(long nanos) {
        return Math.floorDiv(nanos - startNanos, TimeUnit.SECONDS.toNanos(1));
    }

    long nanosAt(long epochMs) {
        return startNanos + TimeUnit.MILLISECONDS.toNanos(epochMs - startEpochMs);
    }

    long epochMs(long nanos) {
        return startEpochMs + TimeUnit.NANOSECONDS.toMillis(nanos - startNanos);
    }
}
