package org.examhall.server.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * When each terminal was last heard from, so the room grid is right whichever node a terminal's
 * requests reach. A heartbeat only touches this node's memory; every {@link #FLUSH_MS} the node
 * writes, per session it heard from, one cluster entry with all its terminals' times. The cluster
 * then takes one write per session and node a second instead of one per heartbeat (2,000 a second
 * at 10,000 terminals). A reader merges its own memory with the entries of the other members, the
 * latest time winning. Entries expire on their own, and times older than that are dropped from this
 * node's memory.
 *
 * <p>All sessions share one cluster map, keyed by session and node, and a reader fetches the other
 * members' keys one by one. Listing a map's entries is a query over every partition: with a map per
 * session and the operator gauges reading every live session each 5 s, Hazelcast's partition scans
 * took about a tenth of a node's CPU at 10,000 terminals. A member that has left is not read: its
 * terminals are heard again on the node their requests now reach.
 */
public final class Presence {

    static final long FLUSH_MS = 1_000;
    private static final long TTL_MS = TimeUnit.MINUTES.toMillis(10);

    private static final String MAP = "examhall.presence";

    private final Vertx vertx;
    private final String node;
    private final Supplier<List<String>> members;
    private final LongSupplier clock;
    /** session → sitting → when this node last heard from its terminal. */
    private final Map<Long, Map<Long, Long>> heard = new ConcurrentHashMap<>();

    private final Set<Long> changed = ConcurrentHashMap.newKeySet();
    private long timer = -1;

    public Presence(Vertx vertx) {
        this(vertx, clusterManager(vertx));
    }

    private Presence(Vertx vertx, ClusterManager cluster) {
        this(
                vertx,
                cluster == null ? UUID.randomUUID().toString() : cluster.getNodeId(),
                cluster == null ? List::of : cluster::getNodes);
    }

    /** For tests: several Presence instances over one Vert.x stand for the nodes of a cluster. */
    Presence(Vertx vertx, String node, Supplier<List<String>> members) {
        this(vertx, node, members, System::currentTimeMillis);
    }

    /** For tests: a clock of the test's own, to pass the entries' lifetime without waiting for it. */
    Presence(Vertx vertx, String node, Supplier<List<String>> members, LongSupplier clock) {
        this.vertx = vertx;
        this.node = node;
        this.members = members;
        this.clock = clock;
    }

    private static ClusterManager clusterManager(Vertx vertx) {
        return vertx.isClustered() ? ((VertxInternal) vertx).clusterManager() : null;
    }

    public void start() {
        timer = vertx.setPeriodic(FLUSH_MS, x -> flush());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    public Future<Void> beat(long sessionId, long sittingId) {
        heard.computeIfAbsent(sessionId, s -> new ConcurrentHashMap<>()).put(sittingId, clock.getAsLong());
        changed.add(sessionId);
        return Future.succeededFuture();
    }

    /** Writes this node's times of every session heard from since the last flush. */
    Future<Void> flush() {
        long oldest = clock.getAsLong() - TTL_MS;
        // Every session, not only the changed ones: a session no terminal is heard from any more (it ended)
        // would otherwise stay in memory for the node's lifetime, and PresenceWatch scans it every check.
        heard.values().forEach(times -> times.values().removeIf(at -> at < oldest));
        heard.entrySet().removeIf(e -> e.getValue().isEmpty());
        List<Future<Void>> writes = new ArrayList<>();
        for (Long sessionId : List.copyOf(changed)) {
            changed.remove(sessionId);
            Map<Long, Long> times = heard.get(sessionId);
            if (times == null) {
                continue;
            }
            JsonObject entry = new JsonObject();
            times.forEach((sitting, at) -> entry.put(sitting.toString(), at));
            writes.add(map().compose(map -> map.put(key(sessionId, node), entry, TTL_MS)));
        }
        return Future.all(writes).mapEmpty();
    }

    /** The session's times from this node's memory (flushed or not) and from every other member. */
    public Future<Map<Long, Long>> snapshot(long sessionId) {
        return heardElsewhere(sessionId).map(elsewhere -> {
            Map<Long, Long> latest = new HashMap<>(heard.getOrDefault(sessionId, Map.of()));
            elsewhere.forEach((sitting, at) -> latest.merge(sitting, at, Math::max));
            return latest;
        });
    }

    /** The sessions this node has heard terminals of, and still remembers. */
    Set<Long> sessionsHeardHere() {
        return Set.copyOf(heard.keySet());
    }

    /** The session's times as this node heard them itself: a live, read-only view. */
    Map<Long, Long> heardHere(long sessionId) {
        return Collections.unmodifiableMap(heard.getOrDefault(sessionId, Map.of()));
    }

    /** The session's times as the other members last flushed them, the latest winning. */
    Future<Map<Long, Long>> heardElsewhere(long sessionId) {
        List<String> others =
                members.get().stream().filter(member -> !member.equals(node)).toList();
        if (others.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return map().compose(map -> {
            List<Future<JsonObject>> entries = others.stream()
                    .map(member -> map.get(key(sessionId, member)))
                    .toList();
            return Future.all(entries).map(all -> {
                Map<Long, Long> latest = new HashMap<>();
                entries.stream()
                        .map(Future::result)
                        .filter(Objects::nonNull)
                        .forEach(entry -> entry.forEach(e -> latest.merge(
                                Long.valueOf(e.getKey()), ((Number) e.getValue()).longValue(), Math::max)));
                return latest;
            });
        });
    }

    private static String key(long sessionId, String member) {
        return sessionId + "@" + member;
    }

    private Future<AsyncMap<String, JsonObject>> map() {
        // Cluster-wide when the node is clustered (always, in the server), a local map for the unit tests.
        return vertx.sharedData().getAsyncMap(MAP);
    }
}
