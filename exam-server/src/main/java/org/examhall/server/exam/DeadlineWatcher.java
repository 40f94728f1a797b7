package org.examhall.server.exam;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examhall.server.audit.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server owns the deadline: every node looks each second for sittings whose time is up and
 * hands them in, whether or not their terminal is still there. SKIP LOCKED lets several nodes
 * share the work without handing in a sitting twice.
 */
public final class DeadlineWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatcher.class);

    private final Vertx vertx;
    private final Pool pool;
    private final Submission submission;
    private long timer = -1;
    private boolean running;

    public DeadlineWatcher(Vertx vertx, Pool pool, Submission submission) {
        this.vertx = vertx;
        this.pool = pool;
        this.submission = submission;
    }

    public void start() {
        timer = vertx.setPeriodic(1000, id -> sweep());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void sweep() {
        if (running) {
            return;
        }
        running = true;
        pool.withTransaction(tx -> tx.query("""
                SELECT id FROM sitting WHERE status = 'ANSWERING' AND deadline + interval '2 seconds' < now()
                 ORDER BY deadline LIMIT 200 FOR UPDATE SKIP LOCKED""").execute().compose(rows -> {
                    List<Long> due = new ArrayList<>();
                    rows.forEach(r -> due.add(r.getLong("id")));
                    Map<Long, JsonObject> results = new LinkedHashMap<>();
                    Future<Void> chain = Future.succeededFuture();
                    Actor actor = Actor.system("deadline");
                    for (long id : due) {
                        chain = chain.compose(x -> submission
                                .submit(tx, id, Submission.Reason.DEADLINE, actor)
                                .map(result -> {
                                    results.put(id, result);
                                    return null;
                                }));
                    }
                    return chain.map(results);
                }))
                .onSuccess(results -> {
                    results.forEach((id, result) -> submission.announce(result, id));
                    if (!results.isEmpty()) {
                        LOG.info("event=deadline_submitted count={}", results.size());
                    }
                })
                .onFailure(e -> LOG.warn("event=deadline_sweep_failed error={}", e.toString()))
                .onComplete(x -> running = false);
    }
}
