package org.examhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/** Running work on a given Vert.x context, whichever thread asks. */
final class Contexts {

    private Contexts() {}

    /** Starts {@code work} on {@code context} and hands back what it produced. */
    static <T> Future<T> on(Context context, Supplier<Future<T>> work) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> work.get().onComplete(promise));
        return promise.future();
    }
}
