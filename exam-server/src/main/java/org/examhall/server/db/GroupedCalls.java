package org.examhall.server.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Groups many small database calls into few: requests from every event loop queue up, and while
 * {@code maxInFlight} calls are running the queue grows into the next group. Under light load each
 * request goes alone at once; under heavy load a group carries up to {@code maxBatch}, so round
 * trips (and commits) per second stay bounded while the requests per second grow.
 *
 * @param <I> one request
 * @param <O> its answer; the call answers a whole group, one answer per request, in order
 */
public final class GroupedCalls<I, O> {

    private final Context context;
    private final int maxBatch;
    private final int maxInFlight;
    private final Function<List<I>, Future<List<O>>> call;
    /*
     * Both touched only on {@link #context}: one context owns the grouping, whichever event loop asked.
     * A concurrent queue read from there cost a fifth of the node's CPU at saturation (its size() walks
     * every waiting request); handing each request over as a task costs one enqueue, which the hop
     * onto the context paid anyway. The drain runs as a task of its own, behind the requests already
     * handed over, so those travel in one group.
     */
    private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean drainScheduled;

    private record Pending<I, O>(I request, Promise<O> answer) {}

    public GroupedCalls(Vertx vertx, int maxBatch, int maxInFlight, Function<List<I>, Future<List<O>>> call) {
        this.context = vertx.getOrCreateContext();
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.call = call;
    }

    public Future<O> submit(I request) {
        Promise<O> answer = Promise.promise();
        Pending<I, O> pending = new Pending<>(request, answer);
        context.runOnContext(v -> {
            queue.add(pending);
            if (!drainScheduled) {
                drainScheduled = true;
                context.runOnContext(d -> {
                    drainScheduled = false;
                    drain();
                });
            }
        });
        return answer.future();
    }

    private void drain() {
        while (inFlight < maxInFlight && !queue.isEmpty()) {
            List<Pending<I, O>> group = new ArrayList<>(Math.min(maxBatch, queue.size()));
            Pending<I, O> next;
            while (group.size() < maxBatch && (next = queue.poll()) != null) {
                group.add(next);
            }
            inFlight++;
            Future<List<O>> answered;
            try {
                answered = call.apply(group.stream().map(Pending::request).toList());
            } catch (RuntimeException e) {
                answered = Future.failedFuture(e);
            }
            answered.onComplete(result -> {
                inFlight--;
                for (int i = 0; i < group.size(); i++) {
                    Promise<O> answer = group.get(i).answer();
                    if (result.failed()) {
                        answer.fail(result.cause());
                    } else {
                        answer.complete(result.result().get(i));
                    }
                }
                drain();
            });
        }
    }
}
