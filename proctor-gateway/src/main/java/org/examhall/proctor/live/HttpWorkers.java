package org.examhall.proctor.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side's blocking work, one pool per kind, so that a slow kind only ever waits for itself: live
 * view (file checks for the rolling playlists) must answer while a clip is being cut or an hour of
 * manifests read. Tasks of a pool run side by side (unordered): requests do not depend on one another.
 */
final class HttpWorkers {

    /** A stuck archive read is logged by Vert.x's blocked-thread checker after this long, not silently queued behind. */
    private static final long MAX_EXECUTE_SECONDS = 120;

    private final WorkerExecutor live;
    private final WorkerExecutor archive;
    private final WorkerExecutor clips;

    HttpWorkers(Vertx vertx) {
        live = vertx.createSharedWorkerExecutor("gateway-live", 4, MAX_EXECUTE_SECONDS, TimeUnit.SECONDS);
        archive = vertx.createSharedWorkerExecutor("gateway-archive", 4, MAX_EXECUTE_SECONDS, TimeUnit.SECONDS);
        clips = vertx.createSharedWorkerExecutor(
                "gateway-clip-export", ClipExportQueue.RUNNING, MAX_EXECUTE_SECONDS, TimeUnit.SECONDS);
    }

    /** Live playlists and segments. */
    <T> Future<T> live(Callable<T> task) {
        return live.executeBlocking(task, false);
    }

    /** Playlists over the archive, archived segments, finished clips and holds. */
    <T> Future<T> archive(Callable<T> task) {
        return archive.executeBlocking(task, false);
    }

    /** Cutting and hashing evidence clips: CPU and disk heavy. */
    WorkerExecutor clips() {
        return clips;
    }

    Future<Void> close() {
        return Future.join(live.close(), archive.close(), clips.close()).mapEmpty();
    }
}
