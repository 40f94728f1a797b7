package org.examhall.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of a run, shared by all terminals and read by the progress bar. */
final class RunCounters {
    final LongAdder changes = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder autosaveRequests = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder unresolvedSteps = new LongAdder();
    /** Autosaves and heartbeats issued while the same terminal's other one was in flight (on one connection, it waited). */
    final LongAdder overlapping = new LongAdder();

    final AtomicLong requestsInFlight = new AtomicLong();
}
