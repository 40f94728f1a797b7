package org.examhall.server.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Tells event-loop tasks that block from tasks that a busy machine only slowed down. Vert.x reports a
 * task at every look once it has run past the limit, and on a shared 2-core CI machine (Chromium,
 * PostgreSQL and the build beside the tests) one report proves little: a GC pause or a thread that
 * waits for a core makes any task late, wherever it happens to be. Wall-clock time cannot tell the
 * two apart, CPU time can: a task counts only when Vert.x reports it (the same task: same start)
 * again after the first report, and in between either
 * <ul>
 *   <li>the thread used at least {@link #CONFIRM_MS} of CPU: so much work on an event loop is over the
 *       limit on any machine, while a short task stretched by a pause or a queue for a core used
 *       little CPU however late it ended; or</li>
 *   <li>at least {@link #CONFIRM_MS} passed and the thread was waiting at both looks (asleep, parked,
 *       in a native call such as a file read), other than for the log's lock;</li>
 * </ul>
 * and at the second look the thread runs examhall code (a library's own stall is not ours to fix
 * here), and neither then nor at half or more of the looks at the task was it loading or initialising
 * classes: that is warm-up, the first use of code in this JVM (a node's first start in a test JVM
 * spends a few hundred ms of CPU so, then well under the limit). On a quiet
 * machine a blocking task is counted once it has run for about the limit plus {@link #CONFIRM_MS};
 * the work this looks for (file reads, parsing uploads, crypto, image decoding) runs far longer.
 */
final class BlockedTasks {

    static final long CONFIRM_MS = 100;
    /**
     * Reports of one task agree on its start to within the checker's own delay in logging; a task that
     * follows it starts after the first report, at least the limit later.
     */
    private static final long SAME_TASK_MS = 50;

    private final Map<Thread, Watch> watches = new WeakHashMap<>();

    private record Watch(long taskStartMillis, ThreadSample first, int looks, int warmUpLooks, boolean counted) {

        Watch lookedAgain(ThreadSample now) {
            return new Watch(taskStartMillis, first, looks + 1, warmUpLooks + (now.warmingUp() ? 1 : 0), counted);
        }

        Watch markCounted() {
            return new Watch(taskStartMillis, first, looks, warmUpLooks, true);
        }

        boolean mostlyWarmingUp() {
            return 2 * warmUpLooks >= looks;
        }
    }

    /**
     * One report of Vert.x's checker, logged at {@code reportedAtMillis}: a thread of this name has run
     * one task for {@code blockedMs}. The candidates are the threads of that name now; returns the
     * failure to raise when this report confirms a blocking task.
     */
    synchronized Optional<String> report(
            long reportedAtMillis, long blockedMs, long limitMs, List<ThreadSample> candidates) {
        long taskStart = reportedAtMillis - blockedMs;
        for (ThreadSample now : candidates) {
            Watch watch = watches.get(now.thread());
            if (watch == null || Math.abs(watch.taskStartMillis() - taskStart) > SAME_TASK_MS) {
                watches.put(now.thread(), new Watch(taskStart, now, 1, now.warmingUp() ? 1 : 0, false));
                continue;
            }
            watch = watch.lookedAgain(now);
            watches.put(now.thread(), watch);
            if (!watch.counted() && !watch.mostlyWarmingUp() && confirms(watch.first(), now)) {
                watches.put(now.thread(), watch.markCounted());
                return Optional.of(describe(watch.first(), now, blockedMs, limitMs));
            }
        }
        return Optional.empty();
    }

    private static boolean confirms(ThreadSample first, ThreadSample now) {
        return (computed(first, now) || waited(first, now)) && now.inExamhallCode() && !now.warmingUp();
    }

    private static boolean computed(ThreadSample first, ThreadSample now) {
        return now.cpuNanos() - first.cpuNanos() >= TimeUnit.MILLISECONDS.toNanos(CONFIRM_MS);
    }

    private static boolean waited(ThreadSample first, ThreadSample now) {
        return now.atNanos() - first.atNanos() >= TimeUnit.MILLISECONDS.toNanos(CONFIRM_MS)
                && first.waiting()
                && now.waiting()
                && !now.logging();
    }

    private static String describe(ThreadSample first, ThreadSample now, long blockedMs, long limitMs) {
        long cpuMs = TimeUnit.NANOSECONDS.toMillis(now.cpuNanos() - first.cpuNanos());
        return "event loop blocked: " + now.thread().getName() + " has run one task for " + blockedMs + " ms (limit "
                + limitMs + " ms); over the last " + TimeUnit.NANOSECONDS.toMillis(now.atNanos() - first.atNanos())
                + " ms it "
                + (computed(first, now)
                        ? "used " + cpuMs + " ms of CPU"
                        : "was waiting (" + now.state() + ", " + cpuMs + " ms of CPU)")
                + ". Move this work to vertx.executeBlocking or a worker. Its stack:\n" + now.printedStack();
    }
}
