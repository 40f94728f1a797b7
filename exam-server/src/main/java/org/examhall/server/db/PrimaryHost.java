package org.examhall.server.db;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the database URL's hosts is the primary, for every new connection of the pool
 * ({@code PgBuilder.pool().connectingTo(primary::connectOptions)}). A host is asked
 * {@code SELECT pg_is_in_recovery()} on a connection of its own; the answer holds for {@link #FRESH_MS},
 * after which the next new connection asks again, the last primary first. So after a failover the pool's
 * connections to the old primary break, the new ones go to whichever standby was promoted, and no
 * connection is ever opened on a standby that would refuse the node's writes (SQLSTATE 25006). A pooled
 * connection cannot silently become read-only: a server turns from primary into standby only through a
 * restart, which closes it. Probes run on the event loop as non-blocking client calls; concurrent
 * requests for a connection share one probe.
 */
public final class PrimaryHost {

    private static final Logger LOG = LoggerFactory.getLogger(PrimaryHost.class);
    /** How long an answer holds: new connections come in bursts (start-up, a failover), rarely otherwise. */
    static final long FRESH_MS = 1_000;
    /** After no host said primary, new connections fail at once for this long instead of probing again each. */
    static final long RETRY_MS = 200;

    private static final long PROBE_TIMEOUT_MS = 3_000;

    private final Vertx vertx;
    private final DatabaseEndpoint endpoint;
    private final boolean probing;
    private final Object lock = new Object();
    // Guarded by lock.
    private DatabaseHost primary;
    private long answeredAtNanos;
    private Future<DatabaseHost> probe;
    private Throwable lastFailure;
    /** The last host found primary, kept through failures: what a change is logged from. */
    private DatabaseHost lastFound;

    public PrimaryHost(Vertx vertx, DatabaseEndpoint endpoint) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        // One host is the database: nothing to choose, and the node behaves as before multi-host URLs.
        this.probing = endpoint.hosts().size() > 1;
        this.primary = probing ? null : endpoint.hosts().get(0);
    }

    /** For the pool: where the next connection goes, once known. */
    public Future<SqlConnectOptions> connectOptions() {
        return host().map(endpoint::connectOptions);
    }

    /** The primary as last found ({@code host:port}), or {@code none} before the first answer or after a failure. */
    public String current() {
        synchronized (lock) {
            return primary == null ? "none" : primary.toString();
        }
    }

    /** {@code examhall.db.primary}: 1 for the host that is primary now, 0 for the others. */
    public void bindTo(MeterRegistry registry) {
        for (DatabaseHost host : endpoint.hosts()) {
            Gauge.builder("examhall.db.primary", this, self -> host.toString().equals(self.current()) ? 1 : 0)
                    .tag("host", host.toString())
                    .description("1 for the database host this node writes to (the primary), 0 for the others")
                    .register(registry);
        }
    }

    Future<DatabaseHost> host() {
        if (!probing) {
            return Future.succeededFuture(primary);
        }
        synchronized (lock) {
            long age = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answeredAtNanos);
            if (primary != null && age < FRESH_MS) {
                return Future.succeededFuture(primary);
            }
            if (primary == null && lastFailure != null && age < RETRY_MS) {
                return Future.failedFuture(lastFailure);
            }
            if (probe == null) {
                Future<DatabaseHost> started = probe(order());
                probe = started;
                started.onComplete(found -> settle(started, found.result(), found.cause()));
            }
            return probe;
        }
    }

    /** The last primary first: after a restart or a broken connection it is most often still the one. */
    private List<DatabaseHost> order() {
        List<DatabaseHost> order = new ArrayList<>(endpoint.hosts());
        if (primary != null) {
            order.remove(primary);
            order.add(0, primary);
        }
        return order;
    }

    private void settle(Future<DatabaseHost> finished, DatabaseHost found, Throwable failure) {
        DatabaseHost lost;
        DatabaseHost before;
        synchronized (lock) {
            lost = primary;
            before = lastFound;
            primary = found;
            if (found != null) {
                lastFound = found;
            }
            lastFailure = failure;
            answeredAtNanos = System.nanoTime();
            if (probe == finished) {
                probe = null;
            }
        }
        if (found != null && !found.equals(before)) {
            LOG.info("event=db_primary_changed from={} to={}", before == null ? "none" : before, found);
        } else if (found == null && lost != null) {
            LOG.warn("event=db_primary_lost from={} error={}", lost, failure.getMessage());
        }
    }

    private Future<DatabaseHost> probe(List<DatabaseHost> order) {
        return probe(order, 0, new ArrayList<>());
    }

    private Future<DatabaseHost> probe(List<DatabaseHost> order, int index, List<String> answers) {
        if (index == order.size()) {
            return Future.failedFuture(new VertxException("no primary among the database hosts: " + answers, true));
        }
        DatabaseHost host = order.get(index);
        return inRecovery(host).transform(asked -> {
            if (asked.succeeded() && !asked.result()) {
                return Future.succeededFuture(host);
            }
            answers.add(host
                    + (asked.succeeded() ? " is a standby" : " " + asked.cause().getMessage()));
            return probe(order, index + 1, answers);
        });
    }

    private Future<Boolean> inRecovery(DatabaseHost host) {
        return PgConnection.connect(vertx, endpoint.connectOptions(host))
                .compose(connection -> connection
                        .query("SELECT pg_is_in_recovery()")
                        .execute()
                        .map(rows -> rows.iterator().next().getBoolean(0))
                        .eventually(connection::close))
                .timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
}
