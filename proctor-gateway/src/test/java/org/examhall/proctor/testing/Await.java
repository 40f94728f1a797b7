package org.examhall.proctor.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something a running gateway does on its own threads. */
public final class Await {

    private Await() {}

    public static void until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
