package org.examhall.bank.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Predicate;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.SourceLevel;

/** Reads whole stored questions (identity and status too), for bank snapshots and archived papers. */
final class QuestionJsonReader {

    private final RawQuestionReader reader;

    /**
     * @param knownCategory whether a category code may be used; archived papers accept any, since a
     *                      category withdrawn later must not make old papers unreadable
     */
    QuestionJsonReader(Predicate<String> knownCategory) {
        // Stored questions always name their source; the default only fills what an older file left out.
        this.reader = new RawQuestionReader(knownCategory, ImportDefaults.only(SourceLevel.NATIONAL));
    }

    /** The question, or null after adding its problems to {@code problems}. */
    Question read(int row, JsonNode node, List<ImportProblem> problems) {
        ParsedRow parsed = reader.read(QuestionJson.raw(row, node), QuestionJson.COLUMNS, problems);
        String id = node.path("id").asText("");
        int version = node.path("version").asInt(0);
        QuestionStatus status = status(node.path("status").asText(""));
        if (id.isBlank()) {
            problems.add(ImportProblem.of(row, "id", "缺少试题编号", "id is missing"));
        }
        if (version < 1) {
            problems.add(ImportProblem.of(row, "version", "版本号须为正整数", "version must be a positive whole number"));
        }
        if (status == null) {
            problems.add(ImportProblem.of(
                    row,
                    "status",
                    "状态应为 DRAFT、REVIEWED、ACTIVE 或 RETIRED",
                    "status must be DRAFT, REVIEWED, ACTIVE or RETIRED"));
        }
        if (parsed == null || id.isBlank() || version < 1 || status == null) {
            return null;
        }
        return new Question(id, version, status, parsed.content());
    }

    private static QuestionStatus status(String text) {
        for (QuestionStatus status : QuestionStatus.values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        return null;
    }
}
