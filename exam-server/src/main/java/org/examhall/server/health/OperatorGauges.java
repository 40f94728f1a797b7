package org.examhall.server.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
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
 * to the province, the cameras of rooms whose session is running. Counted in the background every
 * few seconds (a scrape never waits on the database); these figures are cluster-wide, so every node
 * reports the same. The cluster members this node sees and its disk space are its own.
 *
 * <p>Whether a camera is online is the gateway's figure ({@code examhall_gateway_camera_online}, by
 * the gateway's room id); the server knows which rooms run a session and the key their camera has at
 * the gateway, so an alert joins the two on {@code room} (docs/monitoring.md).
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
    private final MultiGauge runningSessionCameras;
    private final DiskSpace disk;
    private long timer = -1;

    public OperatorGauges(
            Vertx vertx,
            Pool pool,
            Presence presence,
            ConnectionBudget connections,
            ClusterManager cluster,
            Path dataDir,
            MeterRegistry registry) {
        this.vertx = vertx;
        this.pool = pool;
        this.presence = presence;
        this.disk = new DiskSpace(vertx, dataDir, registry);
        Gauge.builder("examhall.cluster.members", cluster, c -> c.getNodes().size())
                .description("Members of the Hazelcast cluster as this node sees them, itself included")
                .register(registry);
        this.runningSessionCameras = MultiGauge.builder("examhall.running.session.camera")
                .description("1 for each room whose session is running, by its camera's key at the gateway (room)")
                .register(registry);
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
        pool.query("""
            SELECT s.id, r.camera_key, site.name AS site
              FROM exam_session s JOIN exam_room r ON r.id = s.room_id JOIN exam_site site ON site.id = r.site_id
             WHERE s.state = 'RUNNING' AND r.camera_key IS NOT NULL""")
                .execute()
                .onSuccess(rows -> {
                    List<MultiGauge.Row<?>> cameras = new ArrayList<>();
                    for (Row row : rows) {
                        cameras.add(MultiGauge.Row.of(
                                Tags.of(
                                        "session", row.getLong("id").toString(),
                                        "room", row.getString("camera_key"),
                                        "exam_site", row.getString("site")),
                                1));
                    }
                    runningSessionCameras.register(cameras, true);
                })
                .onFailure(e -> LOG.warn("event=running_cameras_refresh_failed error={}", e.toString()));
        disk.refresh().onFailure(e -> LOG.warn("event=disk_space_refresh_failed error={}", e.toString()));
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
