package org.examhall.bank.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;

/**
 * Adds a parsed file to a bank as new drafts, atomically. A row that repeats a question of the bank or
 * an earlier row ({@link QuestionIdentity}) is skipped with a warning or refused, as the
 * {@link DuplicatePolicy} says; one that repeats it with another key is always refused, since one of
 * the two keys is wrong and the bureau must say which.
 */
public final class BankImport {

    private BankImport() {}

    /**
     * @param idPrefix prefix of the new questions' ids, e.g. the category code
     */
    public static ImportResult apply(
            QuestionBank bank, ParsedBatch batch, ImportMode mode, DuplicatePolicy policy, String idPrefix) {
        return apply(bank, null, batch, mode, policy, idPrefix);
    }

    /**
     * @param prepared the bank's identities built ahead (off the event loop); used when built from this
     *                 bank version, else rebuilt here
     */
    public static ImportResult apply(
            QuestionBank bank,
            BankIdentities prepared,
            ParsedBatch batch,
            ImportMode mode,
            DuplicatePolicy policy,
            String idPrefix) {
        List<ImportProblem> problems = new ArrayList<>(batch.problems());
        List<ImportProblem> skipped = new ArrayList<>();
        problems.addAll(duplicates(BankIdentities.of(bank, prepared), batch, policy, skipped));
        problems.sort(Comparator.comparingInt(ImportProblem::row).thenComparing(ImportProblem::column));
        Set<Integer> leftOut = problems.stream().map(ImportProblem::row).collect(Collectors.toSet());
        skipped.forEach(s -> leftOut.add(s.row()));
        List<ParsedRow> accepted =
                batch.rows().stream().filter(r -> !leftOut.contains(r.row())).toList();
        // A file whose every question is already in the bank changes nothing, not even the bank version.
        if (!problems.isEmpty() || mode == ImportMode.DRY_RUN || accepted.isEmpty()) {
            return new ImportResult(false, accepted, problems, skipped, bank);
        }
        List<QuestionContent> contents =
                accepted.stream().map(ParsedRow::content).toList();
        return new ImportResult(true, accepted, problems, skipped, bank.addAll(idPrefix, contents));
    }

    private static List<ImportProblem> duplicates(
            BankIdentities bank, ParsedBatch batch, DuplicatePolicy policy, List<ImportProblem> skipped) {
        Map<QuestionIdentity, BankIdentities.Seen> seen = bank.copy();
        List<ImportProblem> problems = new ArrayList<>();
        for (ParsedRow row : batch.rows()) {
            QuestionIdentity identity = QuestionIdentity.of(row.content());
            BankIdentities.Seen earlier = seen.putIfAbsent(
                    identity.withoutKey(),
                    new BankIdentities.Seen(new LocalizedText("第 " + row.row() + " 行", "row " + row.row()), identity));
            if (earlier == null) {
                continue;
            }
            LocalizedText where = earlier.where();
            if (!earlier.identity().key().equals(identity.key())) {
                problems.add(ImportProblem.of(
                        row.row(),
                        batch.stemColumn(),
                        "第 " + row.row() + " 行与" + where.zh() + "题干和选项相同，答案却不同，请核对哪一个答案正确",
                        "row " + row.row() + " has the stem and options of " + where.en()
                                + " but another answer; check which answer is right"));
            } else if (policy == DuplicatePolicy.REFUSE) {
                problems.add(ImportProblem.of(
                        row.row(), batch.stemColumn(), "与" + where.zh() + "完全重复", "exact duplicate of " + where.en()));
            } else {
                skipped.add(ImportProblem.of(
                        row.row(),
                        batch.stemColumn(),
                        "与" + where.zh() + "完全重复，已跳过",
                        "exact duplicate of " + where.en() + ", skipped"));
            }
        }
        return problems;
    }
}
