package org.examhall.server.staff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2 runs on its own few threads with a bounded queue: a flood of sign-ins (each costs tens of
 * MB and a good fraction of a core by design) waits for these threads or is turned away at once,
 * and never occupies the worker pool that face checks, exports and the bank use. A sign-in takes
 * its place in the queue before its attempt is counted, so one turned away counts for nothing.
 */
final class PasswordChecks {

    private final PasswordHasher hasher;
    private final WorkerExecutor executor;
    private final int places;
    private final AtomicInteger taken = new AtomicInteger();

    PasswordChecks(Vertx vertx, PasswordHasher hasher, int threads, int maxWaiting) {
        this.hasher = hasher;
        this.executor = vertx.createSharedWorkerExecutor("examhall-password-hashing", threads);
        this.places = threads + maxWaiting;
    }

    /** A place for one sign-in's hashing, or 503 SIGN_IN_BUSY when every place is taken. */
    Future<Place> place() {
        if (taken.incrementAndGet() > places) {
            taken.decrementAndGet();
            return Future.failedFuture(StaffErrors.SIGN_IN_BUSY.exception());
        }
        return Future.succeededFuture(new Place());
    }

    final class Place {

        private final AtomicBoolean released = new AtomicBoolean();

        Future<Boolean> verify(String password, String storedHash) {
            return run(() -> hasher.verify(password, storedHash));
        }

        /** The same work for an unknown username, so that the answer's timing does not tell which names exist. */
        Future<Boolean> burn(String password) {
            return run(() -> {
                hasher.burn(password);
                return false;
            });
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                taken.decrementAndGet();
            }
        }

        private Future<Boolean> run(Callable<Boolean> work) {
            return executor.executeBlocking(work, false);
        }
    }
}
