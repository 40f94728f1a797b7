package org.examhall.bank.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;

/**
 * Adds a parsed file to a bank as new drafts, atomically. Also refuses a question whose stem already
 * stands in the bank or earlier in the file for the same category and type, since a bank with twins
 * lets two papers differ less than the exposure rule believes.
 */
public final class BankImport {

    private BankImport() {
    }

    /**
     * @param idPrefix prefix of the new questions' ids, e.g. the category code
     */
    public static ImportResult apply(QuestionBank bank, ParsedBatch batch, ImportMode mode, String idPrefix) {
        List<ImportProblem> problems = new ArrayList<>(batch.problems());
        problems.addAll(duplicates(bank, batch));
        problems.sort(Comparator.comparingInt(ImportProblem::row).thenComparing(ImportProblem::column));
        Set<Integer> badRows = problems.stream().map(ImportProblem::row).collect(Collectors.toSet());
        int questionCount = (int) batch.rows().stream().filter(r -> !badRows.contains(r.row())).count();
        if (!problems.isEmpty() || mode == ImportMode.DRY_RUN) {
            return new ImportResult(false, questionCount, problems, bank);
        }
        List<QuestionContent> contents = batch.rows().stream().map(ParsedRow::content).toList();
        return new ImportResult(true, contents.size(), problems, bank.addAll(idPrefix, contents));
    }

    private static List<ImportProblem> duplicates(QuestionBank bank, ParsedBatch batch) {
        Map<String, LocalizedText> seen = new HashMap<>();
        for (Question question : bank.latestVersions()) {
            seen.put(key(question.content()),
                    new LocalizedText("题库中的试题 " + question.id(), "question " + question.id() + " of the bank"));
        }
        List<ImportProblem> problems = new ArrayList<>();
        for (ParsedRow row : batch.rows()) {
            LocalizedText earlier = seen.putIfAbsent(key(row.content()),
                    new LocalizedText("第 " + row.row() + " 行", "row " + row.row()));
            if (earlier != null) {
                problems.add(ImportProblem.of(row.row(), batch.stemColumn(), "题干与" + earlier.zh() + "重复",
                        "stem duplicates " + earlier.en()));
            }
        }
        return problems;
    }

    private static String key(QuestionContent content) {
        return content.category() + '\u0000' + content.type() + '\u0000' + content.stem().strip();
    }
}
