package org.examhall.proctor.live;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clip exports, a few at a time on their own workers. Beyond {@value #RUNNING} running and
 * {@value #WAITING} waiting an export is refused at once (503, try again) rather than queued: each export
 * reads and hashes up to half an hour of footage, and a queue without end would only answer after the
 * caller has long given up.
 */
final class ClipExportQueue {

    static final int RUNNING = 2;
    static final int WAITING = 2;

    /** Thrown (as the future's cause) when the queue is full. */
    static final class Busy extends Exception {
        Busy() {
            super("clip export queue full", null, false, false);
        }
    }

    private final WorkerExecutor workers;
    private final AtomicInteger admitted = new AtomicInteger();

    ClipExportQueue(WorkerExecutor workers) {
        this.workers = workers;
    }

    <T> Future<T> submit(Callable<T> export) {
        if (admitted.incrementAndGet() > RUNNING + WAITING) {
            admitted.decrementAndGet();
            return Future.failedFuture(new Busy());
        }
        return workers.executeBlocking(export, false).onComplete(done -> admitted.decrementAndGet());
    }
}
