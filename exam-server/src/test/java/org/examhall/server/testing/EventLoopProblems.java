package org.examhall.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Collects what Vert.x logs about its event loops going wrong, in every Vert.x instance of the test
 * JVM: blocked event loops (judged by {@link BlockedTasks}) and exceptions that nothing handled.
 * {@link EventLoopGuard} fails the running test with them.
 */
final class EventLoopProblems extends AppenderBase<ILoggingEvent> {

    /** Vert.x 5 logs under these names (io.vertx.core.internal.threadchecker.BlockedThreadChecker and ContextImpl). */
    static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";

    static final String CONTEXT_LOGGER = "io.vertx.core.impl.ContextImpl";

    private static final Pattern BLOCKED =
            Pattern.compile("Thread (.+) has been blocked for (\\d+) ms, time limit is (\\d+) ms");
    private static final EventLoopProblems INSTANCE = new EventLoopProblems();

    private final BlockedTasks tasks = new BlockedTasks();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();

    private EventLoopProblems() {}

    /** Attaches the appender once; Vert.x's own lines are still logged as before. */
    static synchronized void install() {
        if (INSTANCE.isStarted()) {
            return;
        }
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        INSTANCE.setContext(logging);
        INSTANCE.setName("event-loop-problems");
        INSTANCE.start();
        for (String name : List.of(CHECKER_LOGGER, CONTEXT_LOGGER)) {
            logging.getLogger(name).addAppender(INSTANCE);
        }
    }

    /** The problems seen since the last call. */
    static List<String> drain() {
        List<String> drained = new ArrayList<>();
        String next;
        while ((next = INSTANCE.problems.poll()) != null) {
            drained.add(next);
        }
        return drained;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLoggerName().equals(CHECKER_LOGGER)) {
            blocked(event.getTimeStamp(), event.getFormattedMessage());
        } else if (event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getThrowableProxy() != null) {
            problems.add("unhandled exception on " + event.getThreadName() + ": " + event.getFormattedMessage() + "\n"
                    + ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
    }

    private void blocked(long reportedAtMillis, String message) {
        Matcher report = BLOCKED.matcher(message);
        // Worker threads have a limit of their own (60 s) and may block: only event loops must not.
        if (report.find() && isEventLoop(report.group(1))) {
            tasks.report(
                            reportedAtMillis,
                            Long.parseLong(report.group(2)),
                            Long.parseLong(report.group(3)),
                            ThreadSample.ofThreadsNamed(report.group(1)))
                    .ifPresent(problems::add);
        }
    }

    private static boolean isEventLoop(String threadName) {
        return threadName.startsWith("vert.x-eventloop-thread-") || threadName.startsWith("vert.x-acceptor-thread-");
    }
}
