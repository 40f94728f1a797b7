package org.examhall.server.answers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.examhall.server.db.GroupedCalls;

/**
 * Makes autosaves durable with group commit: concurrent autosaves from every event loop are queued,
 * written as one multi-row INSERT in one transaction, and each is acknowledged only after its
 * batch commits. Throughput is then bounded by commits per second times batch size, not by
 * commits per second alone.
 *
 * <p>The INSERT takes a share lock on each sitting row and checks that the sitting is answering:
 * a submission (which locks the row for update) therefore either sees an autosave that was
 * acknowledged, or the autosave is refused. An acknowledged answer is never left out of a score.
 */
public final class AutosaveLog {

    private static final String INSERT = """
      INSERT INTO answer_step (sitting_id, seq, item_no, labels)
      SELECT u.sitting_id, u.seq, u.item_no, u.labels
        FROM unnest($1::bigint[], $2::int[], $3::int[], $4::text[], $5::bigint[]) AS u(sitting_id, seq, item_no, labels, terminal_id)
        JOIN (SELECT id, terminal_id FROM sitting
               WHERE id = ANY($1::bigint[]) AND status = 'ANSWERING' AND deadline + interval '2 seconds' > now()
               FOR SHARE) s ON s.id = u.sitting_id AND s.terminal_id = u.terminal_id
      ON CONFLICT (sitting_id, seq) DO NOTHING
      RETURNING sitting_id, seq""";

    private static final String EXISTING = """
      SELECT a.sitting_id, a.seq FROM answer_step a
        JOIN unnest($1::bigint[], $2::int[]) AS u(sitting_id, seq) ON a.sitting_id = u.sitting_id AND a.seq = u.seq""";

    private final GroupedCalls<AnswerStep, AutosaveOutcome> commits;
    private final Timer latency;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param maxInFlight transactions open at once; a few keep the database busy while one commits
     */
    public AutosaveLog(Vertx vertx, Pool pool, MeterRegistry meters, int maxBatch, int maxInFlight) {
        this.commits = new GroupedCalls<>(
                vertx,
                maxBatch,
                maxInFlight,
                batch -> pool.withTransaction(connection -> write(connection, batch))
                        .map(outcomes -> batch.stream()
                                .map(step -> outcomes.get(key(step)))
                                .toList()));
        this.latency = Timer.builder("examhall.autosave.latency")
                .description("Time from an autosave's arrival to its durable acknowledgement")
                .publishPercentileHistogram()
                .register(meters);
    }

    public Future<AutosaveOutcome> append(AnswerStep step) {
        long arrived = System.nanoTime();
        inFlight.incrementAndGet();
        return commits.submit(step)
                .onComplete(done -> inFlight.decrementAndGet())
                .onSuccess(outcome -> latency.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS));
    }

    /** Autosaves received and not yet acknowledged or refused: what a drain waits for. */
    public int inFlight() {
        return inFlight.get();
    }

    private static Future<Map<Key, AutosaveOutcome>> write(SqlConnection connection, List<AnswerStep> batch) {
        int n = batch.size();
        Long[] sittings = new Long[n];
        Integer[] seqs = new Integer[n];
        Integer[] items = new Integer[n];
        String[] labels = new String[n];
        Long[] terminals = new Long[n];
        for (int i = 0; i < n; i++) {
            AnswerStep step = batch.get(i);
            sittings[i] = step.sittingId();
            seqs[i] = step.seq();
            items[i] = step.itemNo();
            labels[i] = step.labels();
            terminals[i] = step.terminalId();
        }
        return connection
                .preparedQuery(INSERT)
                .execute(Tuple.tuple()
                        .addArrayOfLong(sittings)
                        .addArrayOfInteger(seqs)
                        .addArrayOfInteger(items)
                        .addArrayOfString(labels)
                        .addArrayOfLong(terminals))
                .compose(inserted -> {
                    Map<Key, AutosaveOutcome> outcomes = new HashMap<>();
                    for (Row row : inserted) {
                        outcomes.put(key(row.getLong(0), row.getInteger(1)), AutosaveOutcome.STORED);
                    }
                    if (outcomes.size() == n) {
                        return Future.succeededFuture(outcomes);
                    }
                    // Rare path: tell resends (already stored) from autosaves to a sitting that is not answering.
                    return connection
                            .preparedQuery(EXISTING)
                            .execute(Tuple.tuple().addArrayOfLong(sittings).addArrayOfInteger(seqs))
                            .map(existing -> {
                                Set<Key> stored = new HashSet<>();
                                for (Row row : existing) {
                                    stored.add(key(row.getLong(0), row.getInteger(1)));
                                }
                                for (AnswerStep step : batch) {
                                    Key key = key(step);
                                    outcomes.putIfAbsent(
                                            key,
                                            stored.contains(key)
                                                    ? AutosaveOutcome.DUPLICATE
                                                    : AutosaveOutcome.NOT_ANSWERING);
                                }
                                return outcomes;
                            });
                });
    }

    private record Key(long sittingId, int seq) {}

    private static Key key(AnswerStep step) {
        return new Key(step.sittingId(), step.seq());
    }

    private static Key key(long sittingId, int seq) {
        return new Key(sittingId, seq);
    }
}
