package org.examhall.server.gateways;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.rooms.RoomErrors;
import org.examhall.server.rooms.Secrets;

/**
 * Proctor gateways: registered by the bureau per site, each with a bearer token shown once (stored
 * as its SM3 hash), and the mapping from a room to the name its camera has at the gateway.
 */
public final class Gateways {

    private final Pool pool;
    private final AuditLog audit;

    public Gateways(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    public record Gateway(long id, long siteId, String name, String publicUrl) {}

    public Future<JsonObject> register(String name, long siteId, String publicUrl, Actor actor) {
        String token = Secrets.credential();
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO gateway (name, site_id, public_url, token_hash) SELECT $1, $2, $3, $4
                 WHERE EXISTS (SELECT 1 FROM exam_site WHERE id = $2) RETURNING id""")
                        .execute(Tuple.of(name, siteId, publicUrl, Secrets.hash(token)))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(RoomErrors.SITE_NOT_FOUND.exception());
                            }
                            long id = rows.iterator().next().getLong("id");
                            return audit.append(
                                            tx,
                                            actor.entry(
                                                    "gateway.registered",
                                                    "gateway:" + id,
                                                    new JsonObject()
                                                            .put("name", name)
                                                            .put("siteId", siteId)
                                                            .put("publicUrl", publicUrl)))
                                    .map(seq -> new JsonObject()
                                            .put("id", id)
                                            .put("name", name)
                                            .put("siteId", siteId)
                                            .put("publicUrl", publicUrl)
                                            .put("token", token));
                        }))
                .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture(RoomErrors.NAME_TAKEN.exception())
                        : Future.failedFuture(e));
    }

    public Future<JsonArray> list() {
        return pool.query("SELECT id, name, site_id, public_url, disabled, created_at FROM gateway ORDER BY id")
                .execute()
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(new JsonObject()
                            .put("id", r.getLong("id"))
                            .put("name", r.getString("name"))
                            .put("siteId", r.getLong("site_id"))
                            .put("publicUrl", r.getString("public_url"))
                            .put("disabled", r.getBoolean("disabled"))));
                    return out;
                });
    }

    public Future<JsonObject> setCamera(long roomId, String cameraKey, Actor actor) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "UPDATE exam_room SET camera_key = $2 WHERE id = $1 RETURNING site_id")
                        .execute(Tuple.of(roomId, cameraKey))
                        .compose(rows -> rows.size() == 0
                                ? Future.failedFuture(RoomErrors.ROOM_NOT_FOUND.exception())
                                : audit.append(
                                                tx,
                                                actor.entry(
                                                        "room.camera_set",
                                                        "room:" + roomId,
                                                        new JsonObject().put("cameraKey", cameraKey)))
                                        .map(seq -> new JsonObject()
                                                .put("roomId", roomId)
                                                .put("cameraKey", cameraKey))))
                .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture(RoomErrors.NAME_TAKEN.exception())
                        : Future.failedFuture(e));
    }

    /** The gateway behind a request's {@code Authorization: Bearer} token. */
    public Future<Gateway> authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() > 200) {
            return Future.failedFuture(GatewayErrors.GATEWAY_TOKEN_INVALID.exception());
        }
        return pool.preparedQuery(
                        "SELECT id, site_id, name, public_url FROM gateway WHERE token_hash = $1 AND NOT disabled")
                .execute(Tuple.of(
                        Secrets.hash(header.substring("Bearer ".length()).trim())))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(GatewayErrors.GATEWAY_TOKEN_INVALID.exception());
                    }
                    Row row = rows.iterator().next();
                    return Future.succeededFuture(new Gateway(
                            row.getLong("id"),
                            row.getLong("site_id"),
                            row.getString("name"),
                            row.getString("public_url")));
                });
    }
}
