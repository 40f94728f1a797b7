package org.examhall.server.pii;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.crypto.DataKeyRing.UnknownDataKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves encrypted values off the previous data keys while the node serves: every
 * {@code security.reencryptIntervalMs} a node that holds previous keys takes a cluster-wide lock (one
 * node at a time), reads the values not under the current key in small batches, re-encrypts them on a
 * worker and writes each back only if it is unchanged since it was read (a value written meanwhile is
 * already under the current key). One audit entry per run that moved or skipped values, with counts.
 * The census of values per key is the gauge {@code examhall_pii_values{key=...}}; a node with no previous
 * key only takes it at start, to flag values under a key it does not hold.
 */
public final class DataKeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(DataKeyRotation.class);
    /** Serialises re-encryption cluster-wide (session-level advisory lock, released if the node dies). */
    static final long ROTATION_LOCK = 0x444154414B4559L;
    /** The bytes of stored values one batch reads at most, beyond its first value. */
    private static final long BATCH_BYTES = 16L * 1024 * 1024;

    private final Vertx vertx;
    private final Pool pool;
    private final DataKeyRing ring;
    private final AuditLog audit;
    private final int batch;
    private final long intervalMs;
    private final Map<DataKeyCensus.Standing, AtomicLong> census = new EnumMap<>(DataKeyCensus.Standing.class);
    private final Counter reencrypted;
    private volatile Future<?> running = Future.succeededFuture();
    private volatile boolean stopped;
    private long timer = -1;

    public DataKeyRotation(
            Vertx vertx,
            Pool pool,
            DataKeyRing ring,
            AuditLog audit,
            ExamhallConfig.Security config,
            MeterRegistry registry) {
        this.vertx = vertx;
        this.pool = pool;
        this.ring = ring;
        this.audit = audit;
        this.batch = config.reencryptBatch;
        this.intervalMs = config.reencryptIntervalMs;
        for (DataKeyCensus.Standing standing : DataKeyCensus.Standing.values()) {
            AtomicLong count = new AtomicLong();
            census.put(standing, count);
            Gauge.builder("examhall.pii.values", count, AtomicLong::get)
                    .tag("key", standing.name().toLowerCase(Locale.ROOT))
                    .description("Values encrypted with the data key, by the key that made them (current, previous,"
                            + " unlabelled: stored before key ids, unknown: not held by this node)")
                    .register(registry);
        }
        reencrypted = Counter.builder("examhall.pii.reencrypted")
                .description("Values this node moved to the current data key")
                .register(registry);
    }

    public void start() {
        refreshCensus();
        if (!ring.previousKeyIds().isEmpty()) {
            LOG.info(
                    "event=data_key_rotation_on current={} previous={} batch={} intervalMs={}",
                    ring.currentKeyId(),
                    ring.previousKeyIds(),
                    batch,
                    intervalMs);
            runOnce();
            timer = vertx.setPeriodic(intervalMs, id -> runOnce());
        }
    }

    /** Blocking: no new run starts, and the one under way ends after its current batch. */
    public void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
        try {
            running.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("event=data_key_rotation_stop_wait_failed error={}", e.toString());
        }
    }

    /** Starts a run unless one of this node's is under way. */
    private synchronized void runOnce() {
        if (running.isComplete() && !stopped) {
            running = pool.withConnection(this::runLocked)
                    .compose(run -> refreshCensus()
                            .compose(census -> run == null ? Future.succeededFuture() : audit(run, census)))
                    .onFailure(e -> LOG.warn("event=data_key_rotation_failed error={}", e.toString()));
        }
    }

    private Future<DataKeyCensus> refreshCensus() {
        return DataKeyCensus.take(pool, ring)
                .onSuccess(taken -> {
                    census.forEach((standing, count) -> count.set(taken.values(standing)));
                    for (DataKeyCensus.Count c : taken.counts()) {
                        if (c.standing() == DataKeyCensus.Standing.UNKNOWN) {
                            LOG.warn(
                                    "event=data_key_unknown column={} keyId={} values={} hint=\"add the key to"
                                            + " security.previousDataKeys; these values cannot be read by this node\"",
                                    c.column(),
                                    c.keyId(),
                                    c.values());
                        }
                    }
                })
                .onFailure(e -> LOG.warn("event=data_key_census_failed error={}", e.toString()));
    }

    /** The run, or null when another node holds the lock. */
    private Future<Run> runLocked(SqlConnection conn) {
        return conn.preparedQuery("SELECT pg_try_advisory_lock($1) AS locked")
                .execute(Tuple.of(ROTATION_LOCK))
                .compose(rows -> {
                    if (!rows.iterator().next().getBoolean("locked")) {
                        return Future.succeededFuture(null);
                    }
                    Run run = new Run();
                    Future<Void> all = Future.succeededFuture();
                    for (EncryptedColumn column : EncryptedColumn.ALL) {
                        all = all.compose(x -> moveColumn(conn, column, 0, run));
                    }
                    return all.eventually(() -> conn.preparedQuery("SELECT pg_advisory_unlock($1)")
                                    .execute(Tuple.of(ROTATION_LOCK)))
                            .map(run);
                });
    }

    private Future<Void> moveColumn(SqlConnection conn, EncryptedColumn column, long after, Run run) {
        if (stopped) {
            return Future.succeededFuture();
        }
        String c = column.column();
        // At most batch rows, and no more rows than fit in BATCH_BYTES (but always one): proofs run to megabytes.
        return conn.preparedQuery("SELECT id, value FROM (SELECT id, " + c + " AS value, sum(octet_length(" + c
                        + ")) OVER (ORDER BY id) - octet_length(" + c + ") AS before FROM " + column.table()
                        + " WHERE " + c + " IS NOT NULL AND substring(" + c + " FROM 1 FOR "
                        + DataKeyRing.HEADER_BYTES + ") <> $1 AND id > $2 ORDER BY id LIMIT $3) s"
                        + " WHERE before < $4 ORDER BY id")
                .execute(Tuple.of(Buffer.buffer(ring.currentHeader()), after, batch, BATCH_BYTES))
                .compose(rows -> rows.size() == 0
                        ? Future.succeededFuture()
                        : vertx.executeBlocking(() -> reencrypt(column, rows), false)
                                .compose(rewrapped -> write(conn, column, rewrapped, run)
                                        .compose(x -> moveColumn(conn, column, rewrapped.lastId(), run))));
    }

    private Future<Void> write(SqlConnection conn, EncryptedColumn column, Rewrapped rewrapped, Run run) {
        run.unreadable += rewrapped.unreadable();
        if (rewrapped.ids().isEmpty()) {
            return Future.succeededFuture();
        }
        return column.replacement()
                .replace(
                        conn,
                        rewrapped.ids().toArray(Long[]::new),
                        rewrapped.digests().toArray(Buffer[]::new),
                        rewrapped.fresh().toArray(Buffer[]::new))
                .map(moved -> {
                    run.moved.merge(column.name(), moved, Integer::sum);
                    run.changedMeanwhile += rewrapped.ids().size() - moved;
                    reencrypted.increment(moved);
                    return null;
                });
    }

    /** A batch re-encrypted on a worker: the values to write, and the highest id read. */
    private record Rewrapped(long lastId, List<Long> ids, List<Buffer> digests, List<Buffer> fresh, int unreadable) {}

    private Rewrapped reencrypt(EncryptedColumn column, RowSet<Row> rows) throws NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        List<Long> ids = new ArrayList<>();
        List<Buffer> digests = new ArrayList<>();
        List<Buffer> fresh = new ArrayList<>();
        long lastId = 0;
        int unreadable = 0;
        for (Row row : rows) {
            long id = row.getLong("id");
            byte[] stored = row.getBuffer("value").getBytes();
            lastId = id;
            byte[] plain;
            try {
                plain = ring.decrypt(stored);
            } catch (UnknownDataKeyException e) {
                // The census warns once per column and key id.
                unreadable++;
                continue;
            } catch (IllegalArgumentException e) {
                unreadable++;
                LOG.warn("event=data_key_value_altered column={} id={} error={}", column.name(), id, e.getMessage());
                continue;
            }
            ids.add(id);
            digests.add(Buffer.buffer(sha256.digest(stored)));
            fresh.add(Buffer.buffer(ring.encrypt(plain)));
        }
        return new Rewrapped(lastId, ids, digests, fresh, unreadable);
    }

    private Future<Void> audit(Run run, DataKeyCensus after) {
        int moved = run.moved.values().stream().mapToInt(Integer::intValue).sum();
        if (moved == 0 && run.changedMeanwhile == 0) {
            return Future.succeededFuture();
        }
        LOG.info(
                "event=data_key_rotation_run reencrypted={} changedMeanwhile={} unreadable={} remaining={}",
                moved,
                run.changedMeanwhile,
                run.unreadable,
                after.notCurrent());
        JsonObject columns = new JsonObject();
        run.moved.forEach(columns::put);
        return audit.append(Actor.system("data-key-rotation")
                        .entry(
                                "data_key.reencrypted",
                                "data-key:" + ring.currentKeyId(),
                                new JsonObject()
                                        .put("reencrypted", moved)
                                        .put("columns", columns)
                                        .put("changedMeanwhile", run.changedMeanwhile)
                                        .put("unreadable", run.unreadable)
                                        .put("previousKeys", new JsonArray(ring.previousKeyIds()))
                                        .put("remaining", after.notCurrent())))
                .mapEmpty();
    }

    /** What one run did. */
    private static final class Run {
        final Map<String, Integer> moved = new LinkedHashMap<>();
        int changedMeanwhile;
        int unreadable;
    }
}
