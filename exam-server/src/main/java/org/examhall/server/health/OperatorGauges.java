package org.examhall.server.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.examhall.server.http.ConnectionBudget;
import org.examhall.server.live.Presence;
import org.examhall.server.live.RoomGrid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator watches on an exam day, as Prometheus gauges: terminals heard from, candidates
 * answering, audit entries waiting to be chained, result packages waiting for or failing delivery
 * to the province. Counted in the background every few seconds (a scrape never waits on the
 * database); the figures are cluster-wide, so every node reports the same.
 */
public final class OperatorGauges {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorGauges.class);
    private static final long REFRESH_MS = 5_000;

    private final Vertx vertx;
    private final Pool pool;
    private final Presence presence;
    private final AtomicLong connectedTerminals = new AtomicLong();
    private final AtomicLong answering = new AtomicLong();
    private final AtomicLong auditPending = new AtomicLong();
    private final AtomicLong outboxPending = new AtomicLong();
    private final AtomicLong outboxFailing = new AtomicLong();
    private long timer = -1;

    public OperatorGauges(
            Vertx vertx, Pool pool, Presence presence, ConnectionBudget connections, MeterRegistry registry) {
        this.vertx = vertx;
        this.pool = pool;
        this.presence = presence;
        Gauge.builder("examhall.terminals.connected", connectedTerminals, AtomicLong::get)
                .description("Terminals heard from within " + RoomGrid.DISCONNECTED_AFTER_MS / 1000
                        + " s, sessions in check-in or running")
                .register(registry);
        Gauge.builder("examhall.http.connections.open", connections, ConnectionBudget::open)
                .description("Open HTTP connections of this node, against http.maxConnections")
                .register(registry);
        Gauge.builder("examhall.sittings.answering", answering, AtomicLong::get)
                .description("Candidates answering now (paused ones included)")
                .register(registry);
        Gauge.builder("examhall.audit.pending", auditPending, AtomicLong::get)
                .description("Audit entries committed but not yet linked into the hash chain")
                .register(registry);
        Gauge.builder("examhall.province.outbox", outboxPending, AtomicLong::get)
                .tag("status", "pending")
                .description("Result packages waiting for delivery to the province")
                .register(registry);
        Gauge.builder("examhall.province.outbox", outboxFailing, AtomicLong::get)
                .tag("status", "failing")
                .description("Result packages whose last delivery attempt failed")
                .register(registry);
    }

    public void start() {
        refresh();
        timer = vertx.setPeriodic(REFRESH_MS, id -> refresh());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    private void refresh() {
        pool.query("""
            SELECT (SELECT count(*) FROM sitting WHERE status IN ('ANSWERING', 'PAUSED')) AS answering,
                   (SELECT count(*) FROM audit_pending) AS audit_pending,
                   (SELECT count(*) FROM province_outbox WHERE status = 'PENDING') AS outbox_pending,
                   (SELECT count(*) FROM province_outbox WHERE status = 'FAILING') AS outbox_failing,
                   (SELECT array_agg(id) FROM exam_session WHERE state IN ('CHECK_IN', 'RUNNING')) AS live_sessions""")
                .execute()
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    answering.set(row.getLong("answering"));
                    auditPending.set(row.getLong("audit_pending"));
                    outboxPending.set(row.getLong("outbox_pending"));
                    outboxFailing.set(row.getLong("outbox_failing"));
                    Long[] sessions = row.getArrayOfLongs("live_sessions");
                    return sessions == null ? Future.succeededFuture(0L) : heardFrom(List.of(sessions));
                })
                .onSuccess(connectedTerminals::set)
                .onFailure(e -> LOG.warn("event=operator_gauges_refresh_failed error={}", e.toString()));
    }

    private Future<Long> heardFrom(List<Long> sessions) {
        long since = System.currentTimeMillis() - RoomGrid.DISCONNECTED_AFTER_MS;
        List<Future<Long>> counts = new ArrayList<>();
        for (long session : sessions) {
            counts.add(presence.snapshot(session)
                    .map(seen ->
                            seen.values().stream().filter(at -> at >= since).count()));
        }
        return Future.all(counts)
                .map(all -> counts.stream().mapToLong(Future::result).sum());
    }
}
