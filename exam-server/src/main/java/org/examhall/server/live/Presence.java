package org.examhall.server.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * When each terminal was last heard from, so the room grid is right whichever node a terminal's
 * requests reach. A heartbeat only touches this node's memory; every {@link #FLUSH_MS} the node
 * writes, per session it heard from, one cluster entry with all its terminals' times. The cluster
 * then takes one write per session and node a second instead of one per heartbeat (2,000 a second
 * at 10,000 terminals). A reader merges the nodes' entries, the latest time winning. Entries expire
 * on their own, and times older than that are dropped from this node's memory.
 */
public final class Presence {

  static final long FLUSH_MS = 1_000;
  private static final long TTL_MS = TimeUnit.MINUTES.toMillis(10);

  private final Vertx vertx;
  private final String node = UUID.randomUUID().toString();
  /** session → sitting → when this node last heard from its terminal. */
  private final Map<Long, Map<Long, Long>> heard = new ConcurrentHashMap<>();
  private final Set<Long> changed = ConcurrentHashMap.newKeySet();
  private long timer = -1;

  public Presence(Vertx vertx) {
    this.vertx = vertx;
  }

  public void start() {
    timer = vertx.setPeriodic(FLUSH_MS, x -> flush());
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  public Future<Void> beat(long sessionId, long sittingId) {
    heard.computeIfAbsent(sessionId, s -> new ConcurrentHashMap<>()).put(sittingId, System.currentTimeMillis());
    changed.add(sessionId);
    return Future.succeededFuture();
  }

  /** Writes this node's times of every session heard from since the last flush. */
  Future<Void> flush() {
    long oldest = System.currentTimeMillis() - TTL_MS;
    List<Future<Void>> writes = new ArrayList<>();
    for (Long sessionId : List.copyOf(changed)) {
      changed.remove(sessionId);
      Map<Long, Long> times = heard.get(sessionId);
      times.values().removeIf(at -> at < oldest);
      JsonObject entry = new JsonObject();
      times.forEach((sitting, at) -> entry.put(sitting.toString(), at));
      writes.add(map(sessionId).compose(map -> map.put(node, entry, TTL_MS)));
    }
    heard.entrySet().removeIf(e -> e.getValue().isEmpty());
    return Future.all(writes).mapEmpty();
  }

  /** Every node's times for the session, and this node's own not yet flushed. */
  public Future<Map<Long, Long>> snapshot(long sessionId) {
    return map(sessionId).compose(AsyncMap::entries).map(entries -> {
      Map<Long, Long> latest = new HashMap<>(heard.getOrDefault(sessionId, Map.of()));
      entries.values().forEach(entry -> entry.forEach(e ->
          latest.merge(Long.valueOf(e.getKey()), ((Number) e.getValue()).longValue(), Math::max)));
      return latest;
    });
  }

  private Future<AsyncMap<String, JsonObject>> map(long sessionId) {
    // Cluster-wide when the node is clustered (always, in the server), a local map for the unit tests.
    return vertx.sharedData().getAsyncMap("examhall.presence." + sessionId);
  }
}
