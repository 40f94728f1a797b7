package org.examhall.server.results;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.examhall.bank.question.QuestionBank;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.province.ProvinceErrors;
import org.examhall.server.province.ProvinceKeys;
import org.examhall.server.province.ResultPackages;
import org.examhall.server.sessions.SessionErrors;
import org.examhall.server.sitting.SittingOutcome;

/**
 * A wrong answer key found after publication is wrong on every paper that held the question: one key
 * correction for a whole published session, in one transaction. Each sitting whose score or pass
 * decision changes is corrected exactly as a single sitting is ({@link Corrections#record}: its own
 * correction record, package version and audit entry); a sitting whose paper held the question but
 * whose result stays is reported unchanged and gets no version, as the province must not receive a
 * version that says nothing new. A dry run assesses the same way and writes nothing.
 */
final class SessionCorrections {

    private final Pool pool;
    private final AuditLog audit;
    private final ProvinceKeys keys;
    private final Corrections corrections;

    /** One sitting of the session, locked, with what the correction does to it (empty: its paper lacks every corrected question). */
    private record Assessed(
            long sittingId,
            String ticketNo,
            String fullName,
            Corrections.Current current,
            Optional<Corrections.Corrected> after) {

        boolean changed() {
            return after.isPresent() && after.get().changes(current);
        }

        JsonObject summary() {
            JsonObject entry = new JsonObject()
                    .put("sittingId", sittingId)
                    .put("ticketNo", ticketNo)
                    .put("fullName", fullName);
            if (after.isEmpty()) {
                String why = current.outcome() != SittingOutcome.SUBMITTED
                        ? current.outcome().name()
                        : current.paper() == null ? "NO_PAPER" : "NOT_ON_PAPER";
                return entry.put("outcome", current.outcome().name()).put("why", why);
            }
            Corrections.Corrected a = after.get();
            entry.put("scoreBefore", Corrections.number(current.score()))
                    .put("scoreAfter", Corrections.number(a.score()))
                    .put("passedBefore", current.passed())
                    .put("passedAfter", a.passed())
                    .put("keyCorrections", a.keys());
            return changed() ? entry.put("version", current.version() + 1).put("supersedes", current.version()) : entry;
        }
    }

    SessionCorrections(Pool pool, AuditLog audit, ProvinceKeys keys, Corrections corrections) {
        this.pool = pool;
        this.audit = audit;
        this.keys = keys;
        this.corrections = corrections;
    }

    Future<JsonObject> correct(long sessionId, CorrectionRequest request, boolean dryRun, Actor actor) {
        if (!dryRun && !keys.canSign()) {
            return Future.failedFuture(ProvinceErrors.SIGNING_KEY_MISSING.exception());
        }
        Instant correctedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // sittings are locked before the session, in id order: the order a single sitting's correction takes
        return pool.withTransaction(tx -> sittings(tx, sessionId)
                .compose(
                        sittings -> corrections.keySource(request).compose(bank -> assess(tx, sittings, request, bank)))
                .compose(assessed -> ResultPackages.session(tx, sessionId).compose(session -> {
                    Set<String> unknown = new LinkedHashSet<>(request.keys().keySet());
                    assessed.forEach(a -> a.after()
                            .ifPresent(after -> after.keys()
                                    .forEach(k -> unknown.remove(((JsonObject) k).getString("questionId")))));
                    if (!unknown.isEmpty()) {
                        return Future.failedFuture(CorrectionErrors.QUESTION_NOT_IN_SESSION
                                .withDetail(String.join(", ", unknown), String.join(", ", unknown))
                                .exception());
                    }
                    JsonObject summary = summary(sessionId, request, dryRun, assessed);
                    if (dryRun) {
                        return Future.succeededFuture(summary);
                    }
                    if (assessed.stream().noneMatch(Assessed::changed)) {
                        return Future.failedFuture(CorrectionErrors.CHANGES_NOTHING.exception());
                    }
                    return apply(tx, session, assessed, request, actor, correctedAt, summary.getJsonArray("changed"))
                            .compose(x -> audit.append(
                                    tx,
                                    actor.entry(
                                            "session.results_corrected",
                                            "session:" + sessionId,
                                            new JsonObject()
                                                    .put("reason", request.reason())
                                                    .put("keyCorrections", requested(request))
                                                    .put("changed", ids(assessed, true))
                                                    .put("unchanged", ids(assessed, false))
                                                    .put("correctedAt", correctedAt.toString()))))
                            .map(seq -> summary);
                })));
    }

    /** The published session's sittings in id order; 404 for no such session, 409 before publication. */
    private static Future<List<Row>> sittings(SqlConnection tx, long sessionId) {
        return tx.preparedQuery("""
            SELECT s.published_at, t.id, t.ticket_no, p.full_name FROM exam_session s
              LEFT JOIN sitting t ON t.session_id = s.id LEFT JOIN person p ON p.id = t.person_id
             WHERE s.id = $1 ORDER BY t.id""").execute(Tuple.of(sessionId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(SessionErrors.SESSION_NOT_FOUND.exception());
            }
            if (rows.iterator().next().getValue("published_at") == null) {
                return Future.failedFuture(CorrectionErrors.NOT_PUBLISHED.exception());
            }
            List<Row> out = new ArrayList<>();
            rows.forEach(r -> {
                if (r.getLong("id") != null) {
                    out.add(r);
                }
            });
            return Future.succeededFuture(out);
        });
    }

    private Future<List<Assessed>> assess(
            SqlConnection tx, List<Row> sittings, CorrectionRequest request, Optional<QuestionBank> bank) {
        List<Assessed> out = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (Row r : sittings) {
            long sittingId = r.getLong("id");
            chain = chain.compose(x -> Corrections.current(tx, sittingId)) // locks it
                    .compose(current -> rescorable(current)
                            ? corrections
                                    .rescored(
                                            tx,
                                            sittingId,
                                            current,
                                            paper -> CorrectedKeys.ofThoseOnPaper(paper, request.keys(), bank))
                                    .map(after -> new Assessed(
                                            sittingId,
                                            r.getString("ticket_no"),
                                            r.getString("full_name"),
                                            current,
                                            after))
                            : Future.succeededFuture(new Assessed(
                                    sittingId,
                                    r.getString("ticket_no"),
                                    r.getString("full_name"),
                                    current,
                                    Optional.empty())))
                    .map(assessed -> {
                        out.add(assessed);
                        return null;
                    });
        }
        return chain.map(out);
    }

    /** Only a submitted result with a paper has keys to correct; an absent or voided one stays as it is. */
    private static boolean rescorable(Corrections.Current current) {
        return current.outcome() == SittingOutcome.SUBMITTED && current.paper() != null;
    }

    /** Corrects each changed sitting as a single correction would, and adds its package's idempotency key to its summary entry. */
    private Future<Void> apply(
            SqlConnection tx,
            JsonObject session,
            List<Assessed> assessed,
            CorrectionRequest request,
            Actor actor,
            Instant correctedAt,
            JsonArray changed) {
        Future<Void> chain = Future.succeededFuture();
        int i = 0;
        for (Assessed a : assessed) {
            if (a.changed()) {
                JsonObject entry = changed.getJsonObject(i++);
                chain = chain.compose(x -> corrections.record(
                                tx,
                                session,
                                a.sittingId(),
                                a.current(),
                                a.after().orElseThrow(),
                                request,
                                actor,
                                correctedAt))
                        .map(result -> {
                            entry.put("idempotencyKey", result.getString("idempotencyKey"));
                            return null;
                        });
            }
        }
        return chain;
    }

    private static JsonObject summary(
            long sessionId, CorrectionRequest request, boolean dryRun, List<Assessed> assessed) {
        JsonArray changed = new JsonArray();
        JsonArray unchanged = new JsonArray();
        JsonArray notAffected = new JsonArray();
        for (Assessed a : assessed) {
            (a.after().isEmpty() ? notAffected : a.changed() ? changed : unchanged).add(a.summary());
        }
        return new JsonObject()
                .put("sessionId", sessionId)
                .put("dryRun", dryRun)
                .put("reason", request.reason())
                .put("keyCorrections", requested(request))
                .put(
                        "counts",
                        new JsonObject()
                                .put("changed", changed.size())
                                .put("unchanged", unchanged.size())
                                .put("notAffected", notAffected.size()))
                .put("changed", changed)
                .put("unchanged", unchanged)
                .put("notAffected", notAffected);
    }

    private static JsonArray requested(CorrectionRequest request) {
        JsonArray out = new JsonArray();
        request.keys()
                .forEach((questionId, key) ->
                        out.add(new JsonObject().put("questionId", questionId).put("key", key)));
        return out;
    }

    private static JsonArray ids(List<Assessed> assessed, boolean changed) {
        return new JsonArray(assessed.stream()
                .filter(a -> a.after().isPresent() && a.changed() == changed)
                .map(Assessed::sittingId)
                .toList());
    }
}
