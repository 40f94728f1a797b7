package org.examhall.load.video;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.examhall.protocol.crypto.Sm3;

/**
 * What SM3 alone costs a stream: the archive hashes every segment it keeps (the manifest chain needs it) and
 * {@code ffmpeg -f segment} hashes nothing, so this share of the archive path has no counterpart on the
 * command line's side of the ratio. Measured on this thread's CPU time over the benchmark's own input, so
 * it holds for that bitrate.
 */
final class Sm3Cost {

    private static final int ROUNDS = 6;

    private Sm3Cost() {}

    /** Percent of one core that hashing a live stream of this file's bitrate takes. */
    static double percentOfCorePerStream(Path input, double inputSeconds) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Sm3.hex(input); // warm the JIT and the page cache; not counted
        long before = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ROUNDS; i++) {
            Sm3.hex(input);
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - before) / 1e9;
        double megabytes = Files.size(input) * (double) ROUNDS / 1e6;
        System.out.printf("%-55s %6.1f MB/s%n", "SM3 throughput on one core", megabytes / cpuSeconds);
        return 100.0 * cpuSeconds / (ROUNDS * inputSeconds);
    }
}
