package org.examhall.load;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Latency and errors per operation and per second (by completion time), for the report's charts and
 * for the windows around fault marks. A second is kept as a live histogram while requests may still
 * complete in it, then summed up into a {@link Row} and kept compressed: a ten-minute run at 10,000
 * terminals then holds a few megabytes, not a histogram per second and operation.
 */
final class LatencyTimeline {

    /** One operation in one second; percentiles are null when nothing succeeded in it. */
    record Row(long second, String op, long count, long errors, Double p50Ms, Double p99Ms) {}

    /** Seconds this far behind the newest completion are summed up. */
    private static final long SETTLED_AFTER_SECONDS = 2;

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final RunClock clock;
    private final Map<Long, Map<String, Live>> live = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, byte[]>> tape = new ConcurrentHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final AtomicLong settledBefore = new AtomicLong();

    private static final class Live {
        final SynchronizedHistogram histogram = new SynchronizedHistogram(HIGHEST_MICROS, 2);
        final LongAdder errors = new LongAdder();
    }

    LatencyTimeline(RunClock clock) {
        this.clock = clock;
    }

    void record(String op, long startNanos, long endNanos) {
        long micros = Math.max(1, (endNanos - startNanos) / 1000);
        live(op, endNanos).histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    void error(String op, long atNanos) {
        live(op, atNanos).errors.increment();
    }

    private Live live(String op, long nanos) {
        // A completion that was delayed past its second's summing counts in the oldest open second.
        long second = Math.max(clock.second(nanos), settledBefore.get());
        settle(second - SETTLED_AFTER_SECONDS);
        return live.computeIfAbsent(second, s -> new ConcurrentHashMap<>()).computeIfAbsent(op, o -> new Live());
    }

    /** Sums up every second before {@code before}; one caller at a time does it, the others go on. */
    private void settle(long before) {
        long from = settledBefore.get();
        if (before <= from || !settledBefore.compareAndSet(from, before)) {
            return;
        }
        synchronized (rows) {
            live.keySet().stream().filter(s -> s < before).sorted().toList().forEach(this::sumUp);
        }
    }

    private void sumUp(long second) {
        Map<String, Live> ops = live.remove(second);
        if (ops == null) {
            return; // summed up by an overlapping settle
        }
        ops.forEach((op, l) -> {
            Histogram h = l.histogram;
            boolean any = h.getTotalCount() > 0;
            rows.add(new Row(
                    second,
                    op,
                    h.getTotalCount(),
                    l.errors.sum(),
                    any ? ms(h.getValueAtPercentile(50)) : null,
                    any ? ms(h.getValueAtPercentile(99)) : null));
            if (any) {
                ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
                int length = h.encodeIntoCompressedByteBuffer(buffer);
                byte[] bytes = new byte[length];
                buffer.flip().get(bytes);
                tape.computeIfAbsent(op, o -> new ConcurrentHashMap<>()).put(second, bytes);
            }
        });
    }

    /** Sums up every second; call once nothing more completes. */
    void finish() {
        synchronized (rows) {
            live.keySet().stream().sorted().toList().forEach(this::sumUp);
        }
    }

    /** Every row, by second then operation (after {@link #finish()}). */
    List<Row> rows() {
        synchronized (rows) {
            return rows.stream()
                    .sorted(Comparator.comparingLong(Row::second).thenComparing(Row::op))
                    .toList();
        }
    }

    /** The operation's latencies completed in seconds [from, to), merged (after {@link #finish()}). */
    Histogram window(String op, long fromSecond, long toSecond) {
        Histogram merged = new Histogram(HIGHEST_MICROS, 2);
        tape.getOrDefault(op, Map.of()).forEach((second, bytes) -> {
            if (second >= fromSecond && second < toSecond) {
                try {
                    merged.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0));
                } catch (DataFormatException e) {
                    throw new IllegalStateException(
                            "timeline histogram of " + op + " at second " + second + " is corrupt", e);
                }
            }
        });
        return merged;
    }

    static Double ms(long micros) {
        return micros / 1000.0;
    }
}
