package org.examhall.server.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.IntSupplier;
import org.examhall.server.http.Draining;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a node out of service before it stops (the Kubernetes preStop hook, the process's shutdown hook):
 * /health turns 503, no new candidate is bound to a terminal here, and the autosaves already received are
 * waited for, so that none is cut off by the stop.
 */
public final class Drain {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
    private static final long LOOK_EVERY_MS = 50;

    private final Vertx vertx;
    private final Draining draining;
    private final IntSupplier autosavesInFlight;
    private final long timeoutMs;

    public Drain(Vertx vertx, Draining draining, IntSupplier autosavesInFlight, long timeoutMs) {
        this.vertx = vertx;
        this.draining = draining;
        this.autosavesInFlight = autosavesInFlight;
        this.timeoutMs = timeoutMs;
    }

    /** Completes with the autosaves still in flight: 0 once drained, more when the time ran out first. */
    public Future<Integer> run() {
        if (draining.begin()) {
            LOG.info("event=node_draining autosavesInFlight={} timeoutMs={}", autosavesInFlight.getAsInt(), timeoutMs);
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        Promise<Integer> done = Promise.promise();
        look(deadline, done);
        return done.future().onSuccess(left -> LOG.info("event=node_drained autosavesInFlight={}", left));
    }

    private void look(long deadline, Promise<Integer> done) {
        int left = autosavesInFlight.getAsInt();
        if (left == 0 || System.nanoTime() >= deadline) {
            done.complete(left);
        } else {
            vertx.setTimer(LOOK_EVERY_MS, id -> look(deadline, done));
        }
    }
}
