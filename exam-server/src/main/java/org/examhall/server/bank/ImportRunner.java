package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.io.BankIdentities;
import org.examhall.bank.io.BankImport;
import org.examhall.bank.io.ImportMode;
import org.examhall.bank.io.ImportProblem;
import org.examhall.bank.io.ImportResult;
import org.examhall.bank.io.ParsedBatch;
import org.examhall.bank.io.ParsedRow;
import org.examhall.bank.question.QuestionBank;
import org.examhall.server.audit.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an import in the background: parse (on a worker), check against the bank, and, unless it is
 * a dry run or any row is bad, add every question as a draft in one transaction. The job row
 * carries the progress and, at the end, the outcome, every problem and warning found, and the
 * mapping preview.
 */
public final class ImportRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);

    private final Vertx vertx;
    private final BankStore store;
    private final ImportJobs jobs;

    public ImportRunner(Vertx vertx, BankStore store, ImportJobs jobs) {
        this.vertx = vertx;
        this.store = store;
        this.jobs = jobs;
    }

    /** Starts the job and answers at once with its id; poll {@link ImportJobs#get} for the rest. */
    public Future<Long> submit(ImportUpload upload, Actor actor) {
        return jobs.create(upload, actor.name()).onSuccess(id -> run(id, upload, actor));
    }

    private record Outcome(ParsedBatch batch, ImportResult result, Set<String> added) {}

    /**
     * Parsing and folding the bank's questions for the duplicate check happen on workers; the
     * transaction then only compares, and refolds only if the bank changed in between.
     */
    private void run(long id, ImportUpload upload, Actor actor) {
        vertx.executeBlocking(() -> ImportParser.parse(upload, store.categories()), false)
                .compose(batch -> {
                    int total = rowCount(batch);
                    return jobs.progress(id, ImportJobs.Phase.CHECKING, 0, total)
                            .compose(x -> store.latest())
                            .compose(snapshot -> vertx.executeBlocking(() -> BankIdentities.of(snapshot.bank()), false))
                            .compose(identities -> store.changeQuestions(
                                    actor,
                                    id,
                                    written -> jobs.progress(id, ImportJobs.Phase.WRITING, written, total),
                                    bank -> apply(id, upload, batch, bank, identities)))
                            .compose(outcome -> finish(id, upload, outcome, total));
                })
                .onFailure(e -> {
                    LOG.error("event=bank_import_failed job={}", id, e);
                    jobs.fail(id, e);
                });
    }

    private QuestionChange<Outcome> apply(
            long id, ImportUpload upload, ParsedBatch batch, QuestionBank bank, BankIdentities identities) {
        if (batch.rows().isEmpty() && batch.problems().isEmpty()) {
            ImportProblem empty = new ImportProblem(0, "", new LocalizedText("文件中没有试题", "the file holds no questions"));
            return QuestionChange.none(
                    bank,
                    new Outcome(batch, new ImportResult(false, List.of(), List.of(empty), List.of(), bank), Set.of()));
        }
        ImportMode mode = upload.dryRun() ? ImportMode.DRY_RUN : ImportMode.APPLY;
        ImportResult result = BankImport.apply(bank, identities, batch, mode, upload.duplicates(), idPrefix(batch));
        if (!result.applied()) {
            return QuestionChange.none(bank, new Outcome(batch, result, Set.of()));
        }
        Set<String> added = QuestionChange.added(bank, result.bank());
        List<String> ids = new ArrayList<>(added);
        JsonObject details = new JsonObject()
                .put("format", upload.format().name())
                .put("fileName", upload.displayName())
                .put("questions", ids.size())
                .put("skippedDuplicates", result.warnings().size())
                .put("firstId", ids.isEmpty() ? null : ids.get(0))
                .put("lastId", ids.isEmpty() ? null : ids.get(ids.size() - 1));
        return QuestionChange.of(
                result.bank(),
                added,
                new QuestionChange.Event("bank.imported", "import:" + id, details),
                new Outcome(batch, result, added));
    }

    private Future<Void> finish(long id, ImportUpload upload, Outcome outcome, int total) {
        ImportResult result = outcome.result();
        JsonArray problems = ProblemsJson.ofImport(result.problems());
        ImportJobs.Status status = result.hasProblems() ? ImportJobs.Status.REJECTED : ImportJobs.Status.SUCCEEDED;
        Long bankVersion = result.applied() ? result.bank().version() : null;
        JsonArray warnings = ProblemsJson.ofImport(result.warnings());
        LOG.info(
                "event=bank_import_done job={} status={} dryRun={} questions={} problems={} warnings={}",
                id,
                status,
                upload.dryRun(),
                result.questionCount(),
                problems.size(),
                warnings.size());
        return jobs.finish(
                id,
                status,
                total,
                result.questionCount(),
                outcome.added().size(),
                bankVersion,
                problems,
                warnings,
                ImportPreview.of(outcome.batch().layout(), result));
    }

    /** Rows the file holds: the good ones and every row with a problem (the header excluded). */
    private static int rowCount(ParsedBatch batch) {
        Set<Integer> bad = batch.problems().stream()
                .map(ImportProblem::row)
                .filter(r -> r > 0)
                .collect(Collectors.toSet());
        batch.rows().forEach(row -> bad.remove(row.row()));
        return batch.rows().size() + bad.size();
    }

    /** New ids are numbered under the category when the whole file is one category. */
    private static String idPrefix(ParsedBatch batch) {
        Set<String> categories = batch.rows().stream()
                .map(ParsedRow::content)
                .map(c -> c.category())
                .collect(Collectors.toSet());
        return categories.size() == 1 ? categories.iterator().next() : "Q";
    }
}
