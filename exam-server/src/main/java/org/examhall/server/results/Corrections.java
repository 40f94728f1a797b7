package org.examhall.server.results;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import org.examhall.bank.question.QuestionBank;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.papers.BankCatalog;
import org.examhall.server.province.ProvinceErrors;
import org.examhall.server.province.ProvinceKeys;
import org.examhall.server.province.ResultPackages;
import org.examhall.server.sessions.PaperSource;
import org.examhall.server.sessions.SessionErrors;
import org.examhall.server.sitting.AnswerSheet;
import org.examhall.server.sitting.SittingOutcome;
import org.examhall.server.sitting.SittingStatus;
import org.examhall.server.sitting.SittingStore;

/**
 * Corrections of published results (成绩更正): in one transaction the sitting's result changes, the
 * correction is recorded with the values before and after, a new package version that supersedes the
 * current one goes into the outbox, and the audit chain gets the entry. Institutions read the sitting
 * itself, so they see the corrected result as soon as it is committed, like any published result.
 */
final class Corrections {

    private final Vertx vertx;
    private final Pool pool;
    private final AuditLog audit;
    private final ProvinceKeys keys;
    private final ResultPackages packages;
    private final PaperSource papers;
    private final BankCatalog bank;

    /** The sitting as the correction found it, locked. */
    record Current(
            long sessionId, SittingOutcome outcome, String paper, BigDecimal score, Boolean passed, int version) {}

    /**
     * The sitting's result after the correction.
     *
     * @param keys the key corrections as applied (RESCORE), null for VOID
     */
    record Corrected(
            SittingOutcome outcome, BigDecimal score, boolean passed, String paper, String reportJson, JsonArray keys) {

        /** Whether the score or the pass decision differs from {@code before}'s: otherwise no new version is made. */
        boolean changes(Current before) {
            return score.compareTo(before.score() == null ? BigDecimal.ZERO : before.score()) != 0
                    || passed != Boolean.TRUE.equals(before.passed());
        }
    }

    Corrections(
            Vertx vertx,
            Pool pool,
            AuditLog audit,
            ProvinceKeys keys,
            ResultPackages packages,
            PaperSource papers,
            BankCatalog bank) {
        this.vertx = vertx;
        this.pool = pool;
        this.audit = audit;
        this.keys = keys;
        this.packages = packages;
        this.papers = papers;
        this.bank = bank;
    }

    Future<JsonObject> correct(long sittingId, CorrectionRequest request, Actor actor) {
        if (!keys.canSign()) {
            return Future.failedFuture(ProvinceErrors.SIGNING_KEY_MISSING.exception());
        }
        Instant correctedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(tx -> current(tx, sittingId)
                .compose(current -> ResultPackages.session(tx, current.sessionId())
                        .compose(session -> {
                            if (session.getString("publishedAt") == null || current.version() == 0) {
                                return Future.failedFuture(CorrectionErrors.NOT_PUBLISHED.exception());
                            }
                            return corrected(tx, sittingId, current, request)
                                    .compose(after -> record(
                                            tx, session, sittingId, current, after, request, actor, correctedAt));
                        })));
    }

    /**
     * Writes a correction inside the caller's transaction: the sitting's new result, the correction
     * record, the next package version in the outbox and the {@code sitting.result_corrected} entry.
     * The single-sitting call and the session-wide key correction both end here.
     */
    Future<JsonObject> record(
            SqlConnection tx,
            JsonObject session,
            long sittingId,
            Current current,
            Corrected after,
            CorrectionRequest request,
            Actor actor,
            Instant correctedAt) {
        ResultPackages.Version version = new ResultPackages.Version(
                current.version() + 1,
                current.version(),
                new JsonObject()
                        .put("kind", request.kind().name())
                        .put("reason", request.reason())
                        .put("correctedAt", correctedAt.toString()));
        return store(tx, sittingId, current, after, request, actor, correctedAt, version.number())
                .compose(x -> packages.build(tx, session, sittingId, version))
                .compose(built -> packages.enqueue(tx, current.sessionId(), built, version)
                        .map(built.get(0)))
                .compose(built -> audit.append(
                                tx,
                                actor.entry(
                                        "sitting.result_corrected",
                                        "sitting:" + sittingId,
                                        new JsonObject()
                                                .put("kind", request.kind().name())
                                                .put("reason", request.reason())
                                                .put("version", version.number())
                                                .put("supersedes", current.version())
                                                .put("idempotencyKey", built.key())
                                                .put(
                                                        "outcomeBefore",
                                                        current.outcome().name())
                                                .put(
                                                        "outcomeAfter",
                                                        after.outcome().name())
                                                .put("scoreBefore", number(current.score()))
                                                .put("scoreAfter", number(after.score()))
                                                .put("passedBefore", current.passed())
                                                .put("passedAfter", after.passed())
                                                .put("keyCorrections", after.keys())))
                        .map(seq -> new JsonObject()
                                .put("sittingId", sittingId)
                                .put("version", version.number())
                                .put("supersedes", current.version())
                                .put("idempotencyKey", built.key())
                                .put("outcome", after.outcome().name())
                                .put("score", number(after.score()))
                                .put("passed", after.passed())));
    }

    /** Locks the sitting first; its version is read after the lock, in a statement that sees a correction committed meanwhile. */
    static Future<Current> current(SqlConnection tx, long sittingId) {
        return tx.preparedQuery(
                        "SELECT session_id, status, started_at, paper, score, passed FROM sitting WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(sittingId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(SessionErrors.SITTING_NOT_FOUND.exception());
                    }
                    Row r = rows.iterator().next();
                    return tx.preparedQuery(
                                    "SELECT coalesce(max(version), 0) AS version FROM province_outbox WHERE sitting_id = $1")
                            .execute(Tuple.of(sittingId))
                            .map(versions -> new Current(
                                    r.getLong("session_id"),
                                    SittingOutcome.of(
                                            SittingStatus.valueOf(r.getString("status")),
                                            r.getOffsetDateTime("started_at") != null),
                                    r.getString("paper"),
                                    r.getBigDecimal("score"),
                                    r.getBoolean("passed"),
                                    versions.iterator().next().getInteger("version")));
                });
    }

    /** The result the correction gives; refused when it does not apply or would change nothing. */
    private Future<Corrected> corrected(SqlConnection tx, long sittingId, Current current, CorrectionRequest request) {
        if (current.outcome() != SittingOutcome.SUBMITTED) {
            return Future.failedFuture(CorrectionErrors.NOT_APPLICABLE
                    .withDetail("当前结果为 " + current.outcome(), "the current outcome is " + current.outcome())
                    .exception());
        }
        if (request.kind() == CorrectionRequest.Kind.VOID) {
            return Future.succeededFuture(
                    new Corrected(SittingOutcome.VOIDED, BigDecimal.ZERO, false, current.paper(), null, null));
        }
        if (current.paper() == null) {
            return Future.failedFuture(CorrectionErrors.NOT_APPLICABLE
                    .withDetail("没有试卷", "there is no paper")
                    .exception());
        }
        return keySource(request)
                .compose(known -> rescored(
                        tx, sittingId, current, paper -> Optional.of(CorrectedKeys.of(paper, request.keys(), known))))
                .map(Optional::orElseThrow)
                .compose(after -> after.changes(current)
                        ? Future.succeededFuture(after)
                        : Future.failedFuture(CorrectionErrors.CHANGES_NOTHING.exception()));
    }

    /** The current bank when some key is to come from it (read once per correction, however many sittings it rescores). */
    Future<Optional<QuestionBank>> keySource(CorrectionRequest request) {
        return request.keysFromBank() ? bank.currentBank().map(Optional::of) : Future.succeededFuture(Optional.empty());
    }

    /**
     * The sitting's paper with corrected keys, scored against its final answers (paper work on a worker
     * thread); empty when {@code correctKeys} finds nothing to correct on this paper.
     */
    Future<Optional<Corrected>> rescored(
            SqlConnection tx, long sittingId, Current current, Function<String, Optional<CorrectedKeys>> correctKeys) {
        return AnswerSheet.load(tx, sittingId)
                .compose(sheet -> vertx.executeBlocking(
                        () -> correctKeys.apply(current.paper()).map(corrected -> {
                            PaperSource.Score score = papers.score(corrected.paperJson(), sheet.labels());
                            return new Corrected(
                                    SittingOutcome.SUBMITTED,
                                    score.points(),
                                    score.passed(),
                                    corrected.paperJson(),
                                    score.reportJson(),
                                    corrected.recorded());
                        }),
                        false));
    }

    private static Future<Void> store(
            SqlConnection tx,
            long sittingId,
            Current current,
            Corrected after,
            CorrectionRequest request,
            Actor actor,
            Instant correctedAt,
            int version) {
        boolean voided = after.outcome() == SittingOutcome.VOIDED;
        boolean rescored = request.kind() == CorrectionRequest.Kind.RESCORE;
        return SittingStore.correctResult(
                        tx, sittingId, voided, after.score(), after.passed(), after.paper(), after.reportJson())
                .compose(x -> tx.preparedQuery("""
                INSERT INTO result_correction (session_id, sitting_id, version, kind, reason, key_corrections, outcome_before,
                                               outcome_after, score_before, score_after, passed_before, passed_after, paper_before,
                                               corrected_by, corrected_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)""")
                        .execute(Tuple.tuple()
                                .addLong(current.sessionId())
                                .addLong(sittingId)
                                .addInteger(version)
                                .addString(request.kind().name())
                                .addString(request.reason())
                                .addString(rescored ? after.keys().encode() : null)
                                .addString(current.outcome().name())
                                .addString(after.outcome().name())
                                .addValue(current.score())
                                .addValue(after.score())
                                .addValue(current.passed())
                                .addValue(after.passed())
                                .addString(rescored ? current.paper() : null)
                                .addString(actor.name())
                                .addValue(correctedAt.atOffset(ZoneOffset.UTC))))
                .mapEmpty();
    }

    static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
