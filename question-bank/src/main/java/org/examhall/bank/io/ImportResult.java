package org.examhall.bank.io;

import java.util.List;
import org.examhall.bank.question.QuestionBank;

/**
 * The outcome of an import, all or nothing: either every accepted row was added ({@code applied}) or
 * the bank is unchanged and {@code problems} says why (or the run was a dry run, or every question
 * was a skipped duplicate).
 *
 * @param accepted the rows that are (or, unapplied, would be) added, in file order: the rows without
 *                 problems, less the skipped duplicates
 * @param warnings the exact duplicates left out, each with where it was seen before
 * @param bank     the bank after the import; the bank given when nothing was applied
 */
public record ImportResult(
        boolean applied,
        List<ParsedRow> accepted,
        List<ImportProblem> problems,
        List<ImportProblem> warnings,
        QuestionBank bank) {

    public ImportResult {
        accepted = List.copyOf(accepted);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The questions the file holds that are neither bad nor skipped. */
    public int questionCount() {
        return accepted.size();
    }
}
