package org.examhall.server.exam;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.examhall.server.db.GroupedCalls;
import org.examhall.server.live.Presence;
import org.examhall.server.sitting.SittingClock;

/**
 * A terminal's heartbeat: it is marked present, and learns its clock and the latest warning. The
 * sittings are read for many terminals in one query: 10,000 terminals beat 2,000 times a second,
 * and read one by one that was 2,000 round trips a second before anyone answered anything. Read in
 * groups, a beat still sees the sitting as committed when its group is read: a pause, a warning or
 * a hand-in reaches the terminal at its next beat, as before.
 */
public final class Heartbeats {

    private static final int MAX_GROUP = 500;
    private static final int MAX_IN_FLIGHT = 2;

    private static final String READ = """
      SELECT t.id, t.status, t.deadline, t.paused_at, t.terminal_id, t.session_id,
             (SELECT i.description FROM incident i WHERE i.sitting_id = t.id AND i.kind = 'WARNING'
               ORDER BY i.id DESC LIMIT 1) AS warning
        FROM sitting t WHERE t.id = ANY($1::bigint[])""";

    /** A sitting as its terminal's heartbeat sees it; a null terminal means no terminal holds it. */
    private record Beat(Long terminalId, long sessionId, String status, SittingClock clock, String warning) {}

    private final GroupedCalls<Long, Beat> reads;
    private final Presence presence;
    private final Timer latency;

    public Heartbeats(Vertx vertx, Pool pool, Presence presence, MeterRegistry meters) {
        this.presence = presence;
        this.latency = Timer.builder("examhall.heartbeat.latency")
                .description("Time from a heartbeat's arrival to its answer")
                .publishPercentileHistogram()
                .register(meters);
        this.reads = new GroupedCalls<>(
                vertx,
                MAX_GROUP,
                MAX_IN_FLIGHT,
                sittings -> pool.preparedQuery(READ)
                        .execute(Tuple.of(sittings.toArray(Long[]::new)))
                        .map(rows -> {
                            Map<Long, Beat> found = new HashMap<>();
                            for (Row row : rows) {
                                found.put(
                                        row.getLong("id"),
                                        new Beat(
                                                row.getLong("terminal_id"),
                                                row.getLong("session_id"),
                                                row.getString("status"),
                                                SittingClock.of(row),
                                                row.getString("warning")));
                            }
                            return sittings.stream().map(found::get).toList();
                        }));
    }

    /** The clock and warning for the terminal that holds the token's sitting. */
    Future<JsonObject> beat(CandidateTokens.Claims claims) {
        long arrived = System.nanoTime();
        return reads.submit(claims.sittingId())
                .compose(beat -> {
                    if (beat == null || beat.terminalId() == null || beat.terminalId() != claims.terminalId()) {
                        return Future.failedFuture(ExamErrors.CANDIDATE_TOKEN_INVALID.exception());
                    }
                    return presence.beat(beat.sessionId(), claims.sittingId())
                            .map(x -> beat.clock().toJson(beat.status()).put("warning", beat.warning()));
                })
                .onSuccess(x -> latency.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS));
    }
}
