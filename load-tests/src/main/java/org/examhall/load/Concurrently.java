package org.examhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Runs a step for every item with at most {@code limit} in flight, as a desk of clerks would. */
final class Concurrently {

    private Concurrently() {}

    /**
     * @param done counts finished items, for the progress bar
     * @return the results in the items' order; fails with the first failure (items in flight finish)
     */
    static <T, R> Future<List<R>> each(
            Context context, List<T> items, int limit, AtomicLong done, Function<T, Future<R>> step) {
        Promise<List<R>> promise = Promise.promise();
        int n = items.size();
        if (n == 0) {
            return Future.succeededFuture(List.of());
        }
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Runnable[] worker = new Runnable[1];
        worker[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= n || promise.future().isComplete()) {
                return;
            }
            Future<R> result;
            try {
                result = step.apply(items.get(i));
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            result.onComplete(ar -> {
                if (ar.failed()) {
                    promise.tryFail(ar.cause());
                    return;
                }
                results[i] = ar.result();
                done.incrementAndGet();
                if (finished.incrementAndGet() == n) {
                    @SuppressWarnings("unchecked")
                    List<R> list = (List<R>) new ArrayList<>(Arrays.asList(results));
                    promise.tryComplete(list);
                } else {
                    worker[0].run();
                }
            });
        };
        for (int w = 0; w < Math.min(limit, n); w++) {
            context.runOnContext(v -> worker[0].run());
        }
        return promise.future();
    }
}
