package org.examhall.server.http;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this node is being drained before it stops: from then on /health reports it not ready, so
 * that load balancers send it nothing new, and it binds no new candidate to a terminal, while what is
 * in flight completes. There is no way back: a drained node is stopped and started afresh.
 */
public final class Draining {

    private final AtomicBoolean active = new AtomicBoolean();

    /** @return true for the call that began the drain, false when it had begun already */
    public boolean begin() {
        return active.compareAndSet(false, true);
    }

    public boolean active() {
        return active.get();
    }
}
