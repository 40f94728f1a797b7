package org.examhall.server.results;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.province.ProvinceErrors;
import org.examhall.server.province.ProvinceKeys;
import org.examhall.server.province.ResultPackages;
import org.examhall.server.sitting.SittingOutcome;

/**
 * Publishing a scored session: in one transaction the session is marked published and one signed
 * result package per sitting goes into the outbox, with the audit entry. Every sitting gets a
 * package, absent candidates too (outcome ABSENT): the province keeps the registration and must
 * close it, and an absence counts as an attempt there.
 */
final class Publishing {

    private final Pool pool;
    private final AuditLog audit;
    private final ProvinceKeys keys;
    private final ResultPackages packages;

    Publishing(Pool pool, AuditLog audit, ProvinceKeys keys, ResultPackages packages) {
        this.pool = pool;
        this.audit = audit;
        this.keys = keys;
        this.packages = packages;
    }

    Future<JsonObject> publish(long sessionId, Actor actor) {
        if (!keys.canSign()) {
            return Future.failedFuture(ProvinceErrors.SIGNING_KEY_MISSING.exception());
        }
        Instant publishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(tx -> ResultPackages.session(tx, sessionId).compose(session -> {
            if (!"SCORED".equals(session.getString("state"))) {
                return Future.failedFuture(ProvinceErrors.NOT_SCORED.exception());
            }
            if (session.getString("publishedAt") != null) {
                return Future.failedFuture(ProvinceErrors.ALREADY_PUBLISHED.exception());
            }
            session.put("publishedAt", publishedAt.toString());
            return packages.build(tx, session, null, ResultPackages.Version.FIRST)
                    .compose(built -> tx.preparedQuery("UPDATE exam_session SET published_at = $2 WHERE id = $1")
                            .execute(Tuple.of(sessionId, publishedAt.atOffset(ZoneOffset.UTC)))
                            .compose(x -> packages.enqueue(tx, sessionId, built, ResultPackages.Version.FIRST))
                            .compose(x -> audit.append(
                                    tx,
                                    actor.entry(
                                            "session.results_published",
                                            "session:" + sessionId,
                                            summary(built)
                                                    .put("publishedAt", publishedAt.toString())
                                                    .put("keyId", keys.keyId())
                                                    .put(
                                                            "idempotencyKeys",
                                                            new JsonArray(built.stream()
                                                                    .map(ResultPackages.Built::key)
                                                                    .toList())))))
                            .map(seq -> summary(built)
                                    .put("sessionId", sessionId)
                                    .put("publishedAt", publishedAt.toString())));
        }));
    }

    private static JsonObject summary(List<ResultPackages.Built> built) {
        Map<String, Integer> counts = new TreeMap<>();
        for (SittingOutcome outcome : SittingOutcome.values()) {
            counts.put(outcome.name(), 0);
        }
        built.forEach(b -> counts.merge(b.outcome().name(), 1, Integer::sum));
        return new JsonObject()
                .put("packages", built.size())
                .put("outcomes", new JsonObject(new LinkedHashMap<>(counts)));
    }
}
