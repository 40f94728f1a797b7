package org.examhall.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detector behind {@link EventLoopGuard}, on a plain Vert.x instance with the test nodes' limits:
 * what it reports, what it lets pass, and what the failure says.
 */
class EventLoopGuardTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        EventLoopProblems.install();
        vertx = Vertx.vertx(new VertxOptions()
                .setMaxEventLoopExecuteTime(TestServer.EVENT_LOOP_LIMIT_MS)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(TestServer.EVENT_LOOP_CHECK_MS)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void leaveNothingForTheGuard() {
        EventLoopProblems.drain();
    }

    @Test
    void aHandlerThatSleepsOnAnEventLoopIsReportedWithItsStack() throws Exception {
        onEventLoop(() -> sleep(300));

        List<String> problems = EventLoopProblems.drain();
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("event loop blocked: vert.x-eventloop-thread-")
                .contains("limit 100 ms")
                .contains("was waiting (TIMED_WAITING")
                .contains("java.lang.Thread.sleep")
                .contains("EventLoopGuardTest.sleep");
    }

    @Test
    void aHandlerThatComputesOnAnEventLoopIsReported() throws Exception {
        // 400 ms of CPU, not of wall-clock time: on a loaded machine the loop gets a share of a core only.
        onEventLoop(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long end = threads.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(400);
            long spins = 0;
            while (threads.getCurrentThreadCpuTime() < end) {
                spins++;
            }
            assertThat(spins).isPositive();
        });

        assertThat(EventLoopProblems.drain())
                .singleElement()
                .asString()
                .contains("ms of CPU")
                .contains("EventLoopGuardTest.lambda$aHandlerThatComputesOnAnEventLoopIsReported");
    }

    @Test
    void aTaskShorterThanTheLimitAndTheConfirmationIsNeverCounted() throws Exception {
        // Reported by Vert.x (past 100 ms), but over before a second look could confirm it.
        onEventLoop(() -> sleep(TestServer.EVENT_LOOP_LIMIT_MS + BlockedTasks.CONFIRM_MS / 2));

        assertThat(EventLoopProblems.drain()).isEmpty();
    }

    @Test
    void anExceptionNothingHandlesOnAnEventLoopIsReported() throws Exception {
        vertx.runOnContext(v -> {
            throw new IllegalStateException("nobody handles this");
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> problems = EventLoopProblems.drain();
        while (problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            problems = EventLoopProblems.drain();
        }

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("unhandled exception on vert.x-eventloop-thread-")
                .contains("IllegalStateException: nobody handles this");
    }

    @Test
    void aThreadThatGetsNoCpuIsNotCounted() {
        // What a GC pause or a thread queued for a core looks like: examhall code, runnable, little CPU used.
        BlockedTasks tasks = new BlockedTasks();
        StackTraceElement[] stack = {
            new StackTraceElement("org.examhall.server.exam.Submission", "score", "Submission.java", 10)
        };
        Thread thread = Thread.currentThread();
        long wall = System.currentTimeMillis();
        long start = System.nanoTime();

        assertThat(tasks.report(
                        wall,
                        120,
                        100,
                        List.of(new ThreadSample(thread, start, 5_000_000, Thread.State.RUNNABLE, stack))))
                .isEmpty();
        long later = start + TimeUnit.MILLISECONDS.toNanos(150);
        assertThat(tasks.report(
                        wall + 150,
                        270,
                        100,
                        List.of(new ThreadSample(thread, later, 15_000_000, Thread.State.RUNNABLE, stack))))
                .isEmpty();
        assertThat(tasks.report(
                        wall + 150,
                        270,
                        100,
                        List.of(new ThreadSample(thread, later, 145_000_000, Thread.State.RUNNABLE, stack))))
                .hasValueSatisfying(problem -> assertThat(problem).contains("Submission.score"));
    }

    @Test
    void loadingClassesIsWarmUpNotBlocking() {
        BlockedTasks tasks = new BlockedTasks();
        StackTraceElement[] stack = {
            new StackTraceElement("java.lang.ClassLoader", "loadClass", "ClassLoader.java", 1),
            new StackTraceElement("org.examhall.server.bank.ImportParser", "parse", "ImportParser.java", 10)
        };
        Thread thread = Thread.currentThread();
        long wall = System.currentTimeMillis();
        long start = System.nanoTime();
        long later = start + TimeUnit.MILLISECONDS.toNanos(150);

        tasks.report(wall, 120, 100, List.of(new ThreadSample(thread, start, 0, Thread.State.RUNNABLE, stack)));
        assertThat(tasks.report(
                        wall + 150,
                        270,
                        100,
                        List.of(new ThreadSample(thread, later, 150_000_000, Thread.State.RUNNABLE, stack))))
                .isEmpty();
    }

    private static void onEventLoop(Runnable task) throws Exception {
        Context context = vertx.getOrCreateContext();
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            task.run();
            done.complete();
        });
        done.future().await(10, TimeUnit.SECONDS);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
