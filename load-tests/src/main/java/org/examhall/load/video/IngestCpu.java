package org.examhall.load.video;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.ingest.CameraIngest;
import org.examhall.proctor.ingest.ConnectionListener;
import org.examhall.proctor.ingest.PacketSink;
import org.examhall.proctor.log.CameraRef;
import org.examhall.protocol.retry.Backoff;

/**
 * One measured phase of a video benchmark: K gateway ingests in this JVM, warmed up, then this JVM's CPU (JIT and GC
 * included) over a window, against the CPU of K outside processes doing the same job in the same window.
 */
final class IngestCpu {

    /**
     * A camera sends only about 70 packets a second, so the per-packet code reaches the JIT's optimising
     * compiler only after tens of seconds; a gateway runs for months, and its steady state is what counts.
     */
    static final Duration WARM_UP = Duration.ofSeconds(60);

    private IngestCpu() {}

    /** Prints and returns the gateway's CPU in % of a core per stream; with {@code compareWith}, also theirs and the ratio. */
    static double measure(
            String name,
            int streams,
            int seconds,
            IntFunction<SourceConfig> sources,
            IntFunction<List<PacketSink>> sinks,
            List<Process> compareWith)
            throws Exception {
        List<CameraIngest> ingests = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            CameraIngest ingest = new CameraIngest(
                    new CameraRef("bench", "bench" + i, "cam1"),
                    sources.apply(i),
                    sinks.apply(i),
                    new NoGaps(),
                    10_000,
                    Backoff.doubling(200, 2000),
                    Clock.systemUTC());
            Thread thread = new Thread(ingest, "bench-ingest-" + i);
            thread.start();
            ingests.add(ingest);
            threads.add(thread);
        }
        Thread.sleep(WARM_UP.toMillis());
        long jvmBefore = ProcessCpu.thisJvm();
        long[] othersBefore = new long[compareWith.size()];
        for (int i = 0; i < othersBefore.length; i++) {
            othersBefore[i] = ProcessCpu.of(compareWith.get(i).pid());
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long wall = System.nanoTime() - start;
        double jvm = 100.0 * (ProcessCpu.thisJvm() - jvmBefore) / wall / streams;
        long others = 0;
        for (int i = 0; i < othersBefore.length; i++) {
            others += ProcessCpu.of(compareWith.get(i).pid()) - othersBefore[i];
        }
        ingests.forEach(CameraIngest::stop);
        for (Thread thread : threads) {
            thread.join(20_000);
        }
        System.out.printf("%-55s %6.2f %% of a core per stream, %5.0f streams per core%n", name, jvm, 100 / jvm);
        if (!compareWith.isEmpty()) {
            double ffmpeg = 100.0 * others / wall / compareWith.size();
            System.out.printf(
                    "%-55s %6.2f %% of a core per stream, %5.0f streams per core%n",
                    "ffmpeg -c copy -f segment", ffmpeg, 100 / ffmpeg);
            System.out.printf("%-55s %6.2f x (target <= 1.3)%n", "ratio gateway / ffmpeg", jvm / ffmpeg);
        }
        return jvm;
    }

    /** The benchmark's cameras never drop out; nothing to record. */
    private static final class NoGaps implements ConnectionListener {
        @Override
        public void connected(String camera, Instant at) {}

        @Override
        public void disconnected(String camera, Instant lastMediaAt, String reason) {}
    }
}
