package org.examhall.server.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * When each terminal was last heard from, kept in the cluster (one small map per session) so the
 * room grid is right whichever node a terminal's requests reach. Entries expire on their own.
 */
public final class Presence {

  private static final long TTL_MS = TimeUnit.MINUTES.toMillis(10);

  private final Vertx vertx;

  public Presence(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> beat(long sessionId, long sittingId) {
    return map(sessionId).compose(map -> map.put(sittingId, System.currentTimeMillis(), TTL_MS));
  }

  public Future<Map<Long, Long>> snapshot(long sessionId) {
    return map(sessionId).compose(AsyncMap::entries).map(HashMap::new);
  }

  private Future<AsyncMap<Long, Long>> map(long sessionId) {
    return vertx.sharedData().getClusterWideMap("examhall.presence." + sessionId);
  }
}
