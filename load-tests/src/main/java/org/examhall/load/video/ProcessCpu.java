package org.examhall.load.video;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time consumed so far, in nanoseconds: of this JVM, or of another process via /proc. */
final class ProcessCpu {

    /** Linux reports utime and stime in clock ticks, 100 per second on every mainstream kernel config. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    static long thisJvm() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the line.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }
}
