package org.examhall.server.gateways;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.db.Rows;

/**
 * exam-server as the outside witness of the gateways' archives: the heads of each camera's day index (seal
 * number and SM3 hash), the newest and every one before it. A head only moves forward; one that would move it back (a lower number, or the
 * same number with another hash) means the archive was cut back or rewritten, so it is refused, kept in
 * {@code archive_head_refusal} and audited as a tamper signal, and the witnessed head stays as it was.
 */
public final class ArchiveHeads {

    private final Pool pool;
    private final AuditLog audit;

    public ArchiveHeads(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    /** @param day null for a head that seals an entry about no day (a recovery) */
    public record Head(String cameraKey, long seq, String hash, LocalDate day, Instant writtenAt) {

        JsonObject toJson() {
            return new JsonObject()
                    .put("camera", cameraKey)
                    .put("seq", seq)
                    .put("hash", hash)
                    .put("day", day == null ? null : day.toString())
                    .put("at", writtenAt.toString());
        }
    }

    /** What became of an offered head: witnessed (new), already witnessed (a resend), or refused. */
    public record Outcome(Head witnessed, boolean duplicate, boolean refused) {}

    public Future<Outcome> offer(Gateways.Gateway gateway, Head head, String requestId) {
        Actor actor = new Actor("gateway:" + gateway.name(), "GATEWAY", requestId);
        String target = "gateway:" + gateway.id() + "/camera:" + head.cameraKey();
        // The upsert takes the row lock even when its WHERE refuses the update, so what is read next is current.
        return pool.withTransaction(tx -> tx.preparedQuery("""
            INSERT INTO archive_head (gateway_id, camera_key, seq, hash, day, written_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (gateway_id, camera_key) DO UPDATE
               SET seq = excluded.seq, hash = excluded.hash, day = excluded.day, written_at = excluded.written_at,
                   received_at = now()
             WHERE archive_head.seq < excluded.seq
            RETURNING seq""")
                .execute(values(gateway.id(), head))
                .compose(rows -> rows.size() > 0
                        ? keep(tx, gateway.id(), head, actor, target)
                        : witnessed(tx, gateway.id(), head.cameraKey())
                                .compose(witnessed -> witnessed.seq() == head.seq()
                                                && witnessed.hash().equals(head.hash())
                                        ? Future.succeededFuture(new Outcome(witnessed, true, false))
                                        : refuse(tx, gateway.id(), witnessed, head, actor, target))));
    }

    /** The head has moved forward: it joins the history, and the advance is audited. */
    private Future<Outcome> keep(SqlConnection tx, long gatewayId, Head head, Actor actor, String target) {
        return tx.preparedQuery("""
            INSERT INTO archive_head_history (gateway_id, camera_key, seq, hash, day, written_at) VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(values(gatewayId, head))
                .compose(x -> audit.append(tx, actor.entry("archive_head.witnessed", target, head.toJson())))
                .map(seq -> new Outcome(head, false, false));
    }

    private static Tuple values(long gatewayId, Head head) {
        return Tuple.of(
                gatewayId,
                head.cameraKey(),
                head.seq(),
                head.hash(),
                head.day(),
                head.writtenAt().atOffset(ZoneOffset.UTC));
    }

    private Future<Outcome> refuse(
            SqlConnection tx, long gatewayId, Head witnessed, Head offered, Actor actor, String target) {
        return tx.preparedQuery("""
            INSERT INTO archive_head_refusal (gateway_id, camera_key, witnessed_seq, witnessed_hash, offered_seq, offered_hash)
            VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(
                        gatewayId,
                        offered.cameraKey(),
                        witnessed.seq(),
                        witnessed.hash(),
                        offered.seq(),
                        offered.hash()))
                .compose(x -> audit.append(
                        tx,
                        actor.entry(
                                "archive_head.refused",
                                target,
                                new JsonObject()
                                        .put("tamperSignal", true)
                                        .put("witnessed", witnessed.toJson())
                                        .put("offered", offered.toJson()))))
                .map(seq -> new Outcome(witnessed, false, true));
    }

    /** The witnessed head of one of the gateway's cameras, or null. */
    public Future<Head> witnessed(long gatewayId, String cameraKey) {
        return witnessed(pool, gatewayId, cameraKey);
    }

    /**
     * Every head witnessed for the camera, oldest first, as {@code [seq, hash]} pairs: an index that was cut back
     * and then written on past the newest head still differs at the earlier ones.
     */
    public Future<JsonArray> history(long gatewayId, String cameraKey) {
        return pool.preparedQuery(
                        "SELECT seq, hash FROM archive_head_history WHERE gateway_id = $1 AND camera_key = $2 ORDER BY seq")
                .execute(Tuple.of(gatewayId, cameraKey))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(
                            r -> out.add(new JsonArray().add(r.getLong("seq")).add(r.getString("hash"))));
                    return out;
                });
    }

    private static Future<Head> witnessed(SqlClient client, long gatewayId, String cameraKey) {
        return client.preparedQuery(
                        "SELECT camera_key, seq, hash, day, written_at FROM archive_head WHERE gateway_id = $1 AND camera_key = $2")
                .execute(Tuple.of(gatewayId, cameraKey))
                .map(rows -> rows.size() == 0 ? null : head(rows.iterator().next()));
    }

    /** Every witnessed head with its refusals, and the latest refusals: what bureau admins and auditors watch. */
    public Future<JsonObject> overview() {
        return pool.query("""
            SELECT h.gateway_id, g.name, h.camera_key, h.seq, h.hash, h.day, h.written_at, h.received_at,
                   (SELECT count(*) FROM archive_head_refusal r WHERE r.gateway_id = h.gateway_id AND r.camera_key = h.camera_key) AS refusals
              FROM archive_head h JOIN gateway g ON g.id = h.gateway_id ORDER BY g.name, h.camera_key""")
                .execute()
                .compose(heads -> pool.query("""
                SELECT r.gateway_id, g.name, r.camera_key, r.witnessed_seq, r.witnessed_hash, r.offered_seq, r.offered_hash, r.received_at
                  FROM archive_head_refusal r JOIN gateway g ON g.id = r.gateway_id ORDER BY r.id DESC LIMIT 200""").execute().map(refusals -> {
                    JsonArray headList = new JsonArray();
                    for (Row r : heads) {
                        headList.add(head(r).toJson()
                                .put("gatewayId", r.getLong("gateway_id"))
                                .put("gateway", r.getString("name"))
                                .put("receivedAt", Rows.instant(r, "received_at"))
                                .put("refusals", r.getLong("refusals")));
                    }
                    JsonArray refusalList = new JsonArray();
                    for (Row r : refusals) {
                        refusalList.add(new JsonObject()
                                .put("gatewayId", r.getLong("gateway_id"))
                                .put("gateway", r.getString("name"))
                                .put("camera", r.getString("camera_key"))
                                .put("witnessedSeq", r.getLong("witnessed_seq"))
                                .put("witnessedHash", r.getString("witnessed_hash"))
                                .put("offeredSeq", r.getLong("offered_seq"))
                                .put("offeredHash", r.getString("offered_hash"))
                                .put("receivedAt", Rows.instant(r, "received_at")));
                    }
                    return new JsonObject().put("heads", headList).put("refusals", refusalList);
                }));
    }

    private static Head head(Row r) {
        return new Head(
                r.getString("camera_key"),
                r.getLong("seq"),
                r.getString("hash"),
                r.getLocalDate("day"),
                r.getOffsetDateTime("written_at").toInstant());
    }
}
