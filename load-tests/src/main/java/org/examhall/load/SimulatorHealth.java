package org.examhall.load;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Context;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Whether the simulator itself kept up, so a reader can trust its latencies: how late a 100 ms timer
 * fires on each event loop the terminals run on (a saturated loop delays every response it reads),
 * per phase of the run (set-up generates photos on the loops, so its lag says little about the
 * answer phase), its open file descriptors at their peak (from /proc/self/fd; a terminal holds one
 * per connection), and the CPU time it used.
 */
final class SimulatorHealth implements AutoCloseable {

    static final long PROBE_MS = 100;

    /** Timer lag over one phase, in ms. */
    record Lag(long probes, double p50Ms, double p99Ms, double maxMs) {}

    /** Phase → lag, in the order of the run; fds -1 where /proc is not there. */
    record Result(Map<String, Lag> lag, long peakOpenFiles, long openFilesLimit, double cpuSeconds) {}

    private final Map<String, SynchronizedHistogram> phases = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile SynchronizedHistogram lag;
    private final AtomicLong peakFds = new AtomicLong(-1);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ScheduledExecutorService fdSampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fd-sampler");
        t.setDaemon(true);
        return t;
    });
    private final long cpuAtStart = cpuNanos();

    /** Starts a probe on each of the terminals' contexts (one per event loop) and samples the descriptors every second. */
    SimulatorHealth(List<Context> loops) {
        phase("setup");
        loops.forEach(context -> context.runOnContext(v -> probe(context, System.nanoTime())));
        fdSampler.scheduleAtFixedRate(() -> peakFds.accumulateAndGet(openFiles(), Math::max), 0, 1, TimeUnit.SECONDS);
    }

    /** Lag measured from now on counts for {@code name}. */
    void phase(String name) {
        lag = phases.computeIfAbsent(name, n -> new SynchronizedHistogram(TimeUnit.MINUTES.toMicros(10), 2));
    }

    private void probe(Context context, long scheduledAt) {
        if (!running.get()) {
            return;
        }
        context.owner().setTimer(PROBE_MS, id -> {
            long late = System.nanoTime() - scheduledAt - TimeUnit.MILLISECONDS.toNanos(PROBE_MS);
            SynchronizedHistogram current = lag;
            current.recordValue(Math.max(0, Math.min(late / 1000, current.getHighestTrackableValue())));
            probe(context, System.nanoTime());
        });
    }

    /** What it measured so far. */
    Result result() {
        peakFds.accumulateAndGet(openFiles(), Math::max);
        Map<String, Lag> lags = new LinkedHashMap<>();
        synchronized (phases) {
            phases.forEach((name, h) -> lags.put(
                    name,
                    new Lag(
                            h.getTotalCount(),
                            h.getValueAtPercentile(50) / 1000.0,
                            h.getValueAtPercentile(99) / 1000.0,
                            h.getMaxValue() / 1000.0)));
        }
        return new Result(lags, peakFds.get(), openFilesLimit(), (cpuNanos() - cpuAtStart) / 1e9);
    }

    @Override
    public void close() {
        running.set(false);
        fdSampler.shutdownNow();
    }

    private static long openFiles() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The soft limit, from /proc/self/limits ("Max open files  20000  20000  files"). */
    private static long openFilesLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(l -> l.startsWith("Max open files"))
                    .map(l -> l.substring("Max open files".length()).trim().split("\\s+")[0])
                    .map(v -> "unlimited".equals(v) ? Long.MAX_VALUE : Long.parseLong(v))
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }
}
