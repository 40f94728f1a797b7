package org.examhall.load;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntPredicate;
import org.HdrHistogram.Histogram;

/**
 * Fault marks another program (a cluster fault-injection script) appends to a file while the run
 * goes on, one {@code <epoch-millis> <label>} per line, read every 250 ms. For each mark it learns
 * when every terminal was served again: the completion of its first successful autosave or heartbeat
 * <em>sent</em> after the mark. Terminals report every such success; without a marks file that is
 * all that happens.
 */
final class FaultMarks implements AutoCloseable {

    static final long POLL_MS = 250;
    /** "During" is this long after the mark; "after" is the same length again, cut at the next mark. */
    static final long WINDOW_SECONDS = 30;

    /** A mark as read; {@code servedAt[i]} is when terminal i was first served after it (0: not yet). */
    private record Mark(
            String label,
            long atEpochMs,
            long atNanos,
            AtomicLongArray servedAt,
            long retriesAtRead,
            long errorsAtRead) {}

    /**
     * What a mark showed. {@code recoveryMs} is null when some answering terminal was never served
     * again before answering ended ({@code unrecovered} of them).
     */
    record Result(
            String label,
            long atMs,
            long atSecond,
            Long recoveryMs,
            int unrecovered,
            Double p99DuringMs,
            Double p99AfterMs,
            Double heartbeatP99DuringMs,
            Double heartbeatP99AfterMs,
            long errorsAfter,
            long retriesAfter) {}

    private final Path file;
    private final RunClock clock;
    private final RunCounters counters;
    private final LatencyRecorder latency;
    private final List<Mark> marks = new CopyOnWriteArrayList<>();
    // The latest success per terminal, for a mark read after a request sent past it had already come back.
    private final AtomicLongArray lastSent;
    private final AtomicLongArray lastDone;
    private final ScheduledExecutorService poller;
    private long readUpTo;
    private String partialLine = "";

    /** @param file null: no marks, terminals' successes are ignored */
    FaultMarks(Path file, RunClock clock, int terminals, RunCounters counters, LatencyRecorder latency) {
        this.file = file;
        this.clock = clock;
        this.counters = counters;
        this.latency = latency;
        this.lastSent = new AtomicLongArray(file == null ? 0 : terminals);
        this.lastDone = new AtomicLongArray(file == null ? 0 : terminals);
        this.poller = file == null
                ? null
                : Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "fault-marks");
                    t.setDaemon(true);
                    return t;
                });
        if (poller != null) {
            poller.scheduleWithFixedDelay(this::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Terminal {@code index} had an autosave or heartbeat succeed that it sent at {@code sentNanos}. */
    void served(int index, long sentNanos, long doneNanos) {
        if (file == null) {
            return;
        }
        lastSent.set(index, sentNanos);
        lastDone.set(index, doneNanos);
        for (Mark mark : marks) {
            if (sentNanos >= mark.atNanos()) {
                mark.servedAt().compareAndSet(index, 0, doneNanos);
            }
        }
    }

    private synchronized void poll() {
        try {
            if (!Files.exists(file)) {
                return;
            }
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                if (in.length() <= readUpTo) {
                    return;
                }
                byte[] bytes = new byte[(int) (in.length() - readUpTo)];
                in.seek(readUpTo);
                in.readFully(bytes);
                readUpTo += bytes.length;
                String text = partialLine + new String(bytes, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                partialLine = text.substring(end + 1);
                for (String line : text.substring(0, end + 1).split("\n")) {
                    add(line.trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            latency.error("marks-file", e.getClass().getSimpleName());
        }
    }

    private void add(String line) {
        String[] parts = line.split("\\s+", 2);
        if (line.isEmpty() || parts.length < 2 || !parts[0].matches("\\d+")) {
            return;
        }
        long atEpochMs = Long.parseLong(parts[0]);
        long atNanos = clock.nanosAt(atEpochMs);
        AtomicLongArray servedAt = new AtomicLongArray(lastSent.length());
        for (int i = 0; i < servedAt.length(); i++) {
            // Served already, by a request sent after the mark (its first such success may have been a little earlier).
            if (lastSent.get(i) != 0 && lastSent.get(i) >= atNanos) {
                servedAt.compareAndSet(i, 0, lastDone.get(i));
            }
        }
        marks.add(
                new Mark(parts[1].trim(), atEpochMs, atNanos, servedAt, counters.retries.sum(), latency.errorCount()));
    }

    /** Reads what is left of the file and stops polling. */
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
            poll();
        }
    }

    /** The counters when the last autosave of the answer phase had drained: marks count errors and retries up to here. */
    record AnswerEnd(long nanos, long errors, long retries) {}

    /**
     * What each mark showed, once the timeline is finished.
     *
     * @param answering which terminal indexes had a paper, so kept answering to the end
     */
    List<Result> results(LatencyTimeline timeline, IntPredicate answering, AnswerEnd end) {
        List<Result> out = new ArrayList<>();
        long endSecond = clock.second(end.nanos()) + 1;
        for (int m = 0; m < marks.size(); m++) {
            Mark mark = marks.get(m);
            long at = clock.second(mark.atNanos());
            long nextAt = m + 1 < marks.size() ? clock.second(marks.get(m + 1).atNanos()) : Long.MAX_VALUE;
            long duringEnd = Math.min(at + WINDOW_SECONDS, endSecond);
            long afterEnd = Math.min(Math.min(at + 2 * WINDOW_SECONDS, nextAt), endSecond);
            long latest = mark.atNanos();
            int unrecovered = 0;
            for (int i = 0; i < mark.servedAt().length(); i++) {
                if (!answering.test(i)) {
                    continue;
                }
                long served = mark.servedAt().get(i);
                if (served == 0) {
                    unrecovered++;
                } else {
                    latest = Math.max(latest, served);
                }
            }
            out.add(new Result(
                    mark.label(),
                    mark.atEpochMs(),
                    at,
                    unrecovered == 0 ? TimeUnit.NANOSECONDS.toMillis(latest - mark.atNanos()) : null,
                    unrecovered,
                    p99(timeline.window("autosave", at, duringEnd)),
                    p99(timeline.window("autosave", duringEnd, afterEnd)),
                    p99(timeline.window("heartbeat", at, duringEnd)),
                    p99(timeline.window("heartbeat", duringEnd, afterEnd)),
                    Math.max(0, end.errors() - mark.errorsAtRead()),
                    Math.max(0, end.retries() - mark.retriesAtRead())));
        }
        return out;
    }

    private static Double p99(Histogram h) {
        return h.getTotalCount() == 0 ? null : LatencyTimeline.ms(h.getValueAtPercentile(99));
    }
}
