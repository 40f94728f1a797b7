package org.examhall.server.province;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.examhall.protocol.http.ApiException;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.pii.CandidatePhoto;
import org.examhall.server.pii.ResidentIdNumber;
import org.examhall.server.sessions.SessionErrors;
import org.examhall.server.sessions.Sessions;

/**
 * Where the province is the single registration entry (统一报名入口): takes the registrations for a
 * session's operation item that this bureau has not seen yet and adds them as the session's
 * candidates. Each registration is taken once, and how it went is kept, so a second pull asks the
 * platform only for newer ones.
 */
final class RegistrationPull {

    private final Vertx vertx;
    private final Pool pool;
    private final AuditLog audit;
    private final Sessions sessions;
    private final ProvincePlatform platform;
    private final ProvinceKeys keys;

    RegistrationPull(
            Vertx vertx, Pool pool, AuditLog audit, Sessions sessions, ProvincePlatform platform, ProvinceKeys keys) {
        this.vertx = vertx;
        this.pool = pool;
        this.audit = audit;
        this.sessions = sessions;
        this.platform = platform;
        this.keys = keys;
    }

    Future<JsonObject> pull(long sessionId, Actor actor) {
        if (platform == null) {
            return Future.failedFuture(ProvinceErrors.PLATFORM_NOT_CONFIGURED.exception());
        }
        return sessions.detail(sessionId).compose(session -> {
            if (!"SCHEDULED".equals(session.getString("state"))) {
                return Future.failedFuture(SessionErrors.REGISTRATION_CLOSED.exception());
            }
            String item = session.getString("operationItem");
            return pool.preparedQuery(
                            "SELECT coalesce(max(seq), 0) AS since FROM province_registration WHERE operation_item = $1")
                    .execute(Tuple.of(item))
                    .map(rows -> rows.iterator().next().getLong("since"))
                    .compose(since -> platform.registrations(item, since)
                            .recover(e -> Future.failedFuture(ProvinceErrors.PLATFORM_FAILED
                                    .withDetail(e.getMessage(), e.getMessage())
                                    .exception())))
                    .compose(registrations -> verified(sessionId, registrations, actor))
                    .compose(registrations -> importAll(sessionId, item, registrations, actor));
        });
    }

    /**
     * All or nothing: one registration that the platform's key does not vouch for means the answer
     * cannot be trusted, so none of it becomes a candidate; the refusal is audited for the bureau.
     */
    private Future<List<Registration>> verified(long sessionId, List<Registration> registrations, Actor actor) {
        PublicKey platformKey;
        try {
            platformKey = keys.platformKey();
        } catch (PlatformException e) {
            return Future.failedFuture(ProvinceErrors.PLATFORM_FAILED
                    .withDetail(e.getMessage(), e.getMessage())
                    .exception());
        }
        // An SM2 verification costs about a millisecond: a pull of thousands runs on a worker, not an event loop.
        return vertx.executeBlocking(
                        () -> registrations.stream()
                                .filter(r -> !r.verifiesWith(platformKey))
                                .map(Registration::registrationId)
                                .toList(),
                        false)
                .compose(forged -> forged.isEmpty()
                        ? Future.succeededFuture(registrations)
                        : refuse(sessionId, registrations, forged, actor));
    }

    private Future<List<Registration>> refuse(
            long sessionId, List<Registration> registrations, List<String> forged, Actor actor) {
        return audit.append(actor.entry(
                        "province.registrations_refused",
                        "session:" + sessionId,
                        new JsonObject().put("unsigned", new JsonArray(forged)).put("fetched", registrations.size())))
                .compose(seq -> Future.failedFuture(ProvinceErrors.REGISTRATION_SIGNATURE_INVALID
                        .withDetail(
                                "签名无效的报名记录：" + String.join("、", forged),
                                "registrations with no valid signature: " + String.join(", ", forged))
                        .exception()));
    }

    private Future<JsonObject> importAll(long sessionId, String item, List<Registration> registrations, Actor actor) {
        JsonArray imported = new JsonArray();
        JsonArray skipped = new JsonArray();
        Future<Void> chain = Future.succeededFuture();
        for (Registration r : registrations.stream()
                .filter(r -> item.equals(r.operationItem()))
                .toList()) {
            chain = chain.compose(x -> importOne(sessionId, r, actor).compose(result -> {
                (result.getString("outcome").equals("IMPORTED") ? imported : skipped).add(result);
                return record(sessionId, r, result);
            }));
        }
        return chain.compose(x -> audit.append(actor.entry(
                        "province.registrations_pulled",
                        "session:" + sessionId,
                        new JsonObject()
                                .put("operationItem", item)
                                .put("fetched", registrations.size())
                                .put("imported", imported.size())
                                .put("skipped", skipped.size()))))
                .map(seq -> new JsonObject()
                        .put("sessionId", sessionId)
                        .put("operationItem", item)
                        .put("fetched", registrations.size())
                        .put("imported", imported)
                        .put("skipped", skipped));
    }

    private Future<JsonObject> importOne(long sessionId, Registration r, Actor actor) {
        JsonObject result = new JsonObject()
                .put("registrationId", r.registrationId())
                .put("fullName", r.fullName())
                .put("institution", r.institution());
        Optional<ResidentIdNumber> id = ResidentIdNumber.parse(r.idNumber());
        if (id.isEmpty()) {
            return Future.succeededFuture(result.put("outcome", "INVALID_ID_NUMBER"));
        }
        result.put("idNumberMasked", id.get().masked());
        // A photo the province sent but nobody can read leaves the candidate to be photographed at the door.
        byte[] photo;
        try {
            photo = CandidatePhoto.decode(r.photo());
        } catch (ApiException e) {
            photo = null;
            result.put("photoRefused", true);
        }
        return sessions.addCandidate(sessionId, r.fullName(), id.get(), null, photo, actor)
                .map(added -> result.put("outcome", "IMPORTED")
                        .put("sittingId", added.getLong("sittingId"))
                        .put("ticketNo", added.getString("ticketNo"))
                        .put("photo", added.getBoolean("photo")))
                .recover(e -> e instanceof ApiException api
                                && api.error().code().equals(SessionErrors.CANDIDATE_EXISTS.code())
                        ? Future.succeededFuture(result.put("outcome", "ALREADY_IN_SESSION"))
                        : Future.failedFuture(e));
    }

    private Future<Void> record(long sessionId, Registration r, JsonObject result) {
        return pool.preparedQuery("""
            INSERT INTO province_registration (registration_id, seq, operation_item, institution, session_id, sitting_id, outcome)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (registration_id) DO NOTHING""")
                .execute(Tuple.tuple()
                        .addString(r.registrationId())
                        .addLong(r.seq())
                        .addString(r.operationItem())
                        .addString(r.institution())
                        .addLong(sessionId)
                        .addLong(result.getLong("sittingId"))
                        .addString(result.getString("outcome")))
                .mapEmpty();
    }
}
