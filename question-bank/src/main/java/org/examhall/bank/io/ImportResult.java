package org.examhall.bank.io;

import java.util.List;
import org.examhall.bank.question.QuestionBank;

/**
 * The outcome of an import, all or nothing: either every row was added ({@code applied}) or the bank
 * is unchanged and {@code problems} says why (or the run was a dry run).
 *
 * @param questionCount the questions the file holds without problems
 * @param bank          the bank after the import; the bank given when nothing was applied
 */
public record ImportResult(boolean applied, int questionCount, List<ImportProblem> problems, QuestionBank bank) {

    public ImportResult {
        problems = List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
