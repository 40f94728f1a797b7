package org.examhall.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency per operation in HdrHistogram (microseconds, 3 significant digits, up to an hour) and
 * error counts per operation and code, each also per second on the run's timeline. Safe to record
 * from every event loop at once.
 */
public final class LatencyRecorder {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LatencyTimeline timeline;

    LatencyRecorder(LatencyTimeline timeline) {
        this.timeline = timeline;
    }

    /** One operation's histogram and the time window its completions fell in (for throughput). */
    public static final class Operation {
        private final ConcurrentHistogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

        void record(long startNanos, long endNanos) {
            long micros = Math.max(1, (endNanos - startNanos) / 1000);
            histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
            firstStart.accumulateAndGet(startNanos, Math::min);
            lastEnd.accumulateAndGet(endNanos, Math::max);
        }

        public Histogram snapshot() {
            return histogram.copy();
        }

        public long count() {
            return histogram.getTotalCount();
        }

        /** Completions per second over the window from the first start to the last completion. */
        public double throughput() {
            long window = lastEnd.get() - firstStart.get();
            return window <= 0 ? 0 : count() * 1e9 / window;
        }
    }

    /** Records one completed operation that started at {@code startNanos} ({@link System#nanoTime()}). */
    public void record(String operation, long startNanos) {
        long end = System.nanoTime();
        operations.computeIfAbsent(operation, k -> new Operation()).record(startNanos, end);
        timeline.record(operation, startNanos, end);
    }

    public void error(String operation, Throwable failure) {
        error(operation, ApiFailure.label(failure));
    }

    public void error(String operation, String label) {
        errors.computeIfAbsent(operation + " " + label, k -> new LongAdder()).increment();
        timeline.error(operation, System.nanoTime());
    }

    public Operation operation(String name) {
        return operations.get(name);
    }

    public long count(String operation) {
        Operation op = operations.get(operation);
        return op == null ? 0 : op.count();
    }

    public Map<String, Operation> operations() {
        return new LinkedHashMap<>(operations);
    }

    /** "operation status CODE" → count, sorted. */
    public Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
