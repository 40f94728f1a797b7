package org.examhall.server.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What one thread was doing at one instant: its stack, its state and the CPU time it had used. */
record ThreadSample(Thread thread, long atNanos, long cpuNanos, Thread.State state, StackTraceElement[] stack) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int PRINTED_FRAMES = 40;

    /** Every live thread of that name: nodes of a cluster in one JVM have event loops of the same names. */
    static List<ThreadSample> ofThreadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name))
                .map(ThreadSample::of)
                .toList();
    }

    static ThreadSample of(Thread thread) {
        return new ThreadSample(
                thread,
                System.nanoTime(),
                THREADS.getThreadCpuTime(thread.getId()),
                thread.getState(),
                thread.getStackTrace());
    }

    /** Sleeping, parked, waiting for a lock, or inside a native call such as a file read. */
    boolean waiting() {
        return state != Thread.State.RUNNABLE || (stack.length > 0 && stack[0].isNativeMethod());
    }

    /** Writing a log line: the appenders share a lock, and its holder may be a thread waiting for a core. */
    boolean logging() {
        return Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith("ch.qos.logback."));
    }

    boolean inExamhallCode() {
        return Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith("org.examhall."));
    }

    /** Loading, linking or initialising classes: a first use in this JVM, not the code's steady cost. */
    boolean warmingUp() {
        return Arrays.stream(stack)
                .anyMatch(frame -> frame.getMethodName().equals("<clinit>")
                        || frame.getClassName().startsWith("jdk.internal.loader.")
                        || frame.getClassName().equals("java.lang.invoke.MethodHandleNatives")
                        || (frame.getClassName().equals("java.lang.ClassLoader")
                                && (frame.getMethodName().startsWith("loadClass")
                                        || frame.getMethodName().startsWith("defineClass"))));
    }

    String printedStack() {
        String frames = Arrays.stream(stack)
                .limit(PRINTED_FRAMES)
                .map(frame -> "\tat " + frame)
                .collect(Collectors.joining("\n"));
        return stack.length > PRINTED_FRAMES ? frames + "\n\t... " + (stack.length - PRINTED_FRAMES) + " more" : frames;
    }
}
