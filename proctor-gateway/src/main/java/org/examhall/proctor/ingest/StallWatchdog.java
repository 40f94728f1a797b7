package org.examhall.proctor.ingest;

import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.Pointer;

/**
 * Aborts a blocking FFmpeg call that has waited too long. FFmpeg polls the interrupt callback from inside
 * every blocking read and connect, on the reading thread itself, so a stalled camera is dropped cleanly
 * there instead of closing the context from another thread while native code still uses it.
 */
final class StallWatchdog extends AVIOInterruptCB.Callback_Pointer {

    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean stopped;

    /** Allows the next blocking call at most {@code millis} before FFmpeg is told to give up. */
    void arm(long millis) {
        deadlineNanos = System.nanoTime() + millis * 1_000_000L;
    }

    /** Interrupts whatever FFmpeg is waiting for; used when the gateway shuts down. */
    void stop() {
        stopped = true;
    }

    boolean expired() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    @Override
    public int call(Pointer opaque) {
        return stopped || expired() ? 1 : 0;
    }
}
