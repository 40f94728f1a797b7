package org.examhall.server.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which an event loop was blocked or an exception went unhandled on one.
 * Registered for every test class of the module (META-INF/services and junit-platform.properties), so
 * it also covers {@link TestServer#shared()}, whose node outlives any one class. A problem seen
 * between two tests (a class's last background work, the next class's node starting) fails the next
 * test or, after a class's last test, the class.
 */
public final class EventLoopGuard implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        EventLoopProblems.install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnProblems();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnProblems();
    }

    private static void failOnProblems() {
        List<String> problems = EventLoopProblems.drain();
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    problems.size() + " event-loop problem(s) while this test ran (docs/testing.md):\n\n"
                            + String.join("\n\n", problems));
        }
    }
}
