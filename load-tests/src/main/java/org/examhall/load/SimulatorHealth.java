package org.examhall.load;

import io.vertx.core.Context;
import org.HdrHistogram.SynchronizedHistogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the simulator itself kept up, so a reader can trust its latencies: how late a 100 ms timer
 * fires on each event loop the terminals run on (a saturated loop delays every response it reads),
 * its open file descriptors at their peak (from /proc/self/fd; a terminal holds one per
 * connection), and the CPU time it used.
 */
final class SimulatorHealth implements AutoCloseable {

  private static final long PROBE_MS = 100;

  /** Lag in ms; fds -1 where /proc is not there. */
  record Result(long probes, double lagP50Ms, double lagP99Ms, double lagMaxMs, long peakOpenFiles, long openFilesLimit,
                double cpuSeconds) {
  }

  private final SynchronizedHistogram lag = new SynchronizedHistogram(TimeUnit.MINUTES.toMicros(10), 2);
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
    loops.forEach(context -> context.runOnContext(v -> probe(context, System.nanoTime())));
    fdSampler.scheduleAtFixedRate(() -> peakFds.accumulateAndGet(openFiles(), Math::max), 0, 1, TimeUnit.SECONDS);
  }

  private void probe(Context context, long scheduledAt) {
    if (!running.get()) {
      return;
    }
    context.owner().setTimer(PROBE_MS, id -> {
      long late = System.nanoTime() - scheduledAt - TimeUnit.MILLISECONDS.toNanos(PROBE_MS);
      lag.recordValue(Math.max(0, Math.min(late / 1000, lag.getHighestTrackableValue())));
      probe(context, System.nanoTime());
    });
  }

  /** What it measured so far. */
  Result result() {
    peakFds.accumulateAndGet(openFiles(), Math::max);
    return new Result(lag.getTotalCount(), lag.getValueAtPercentile(50) / 1000.0, lag.getValueAtPercentile(99) / 1000.0,
        lag.getMaxValue() / 1000.0, peakFds.get(), openFilesLimit(), (cpuNanos() - cpuAtStart) / 1e9);
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
      return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
          .map(l -> l.substring("Max open files".length()).trim().split("\\s+")[0])
          .map(v -> "unlimited".equals(v) ? Long.MAX_VALUE : Long.parseLong(v)).findFirst().orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }
}
