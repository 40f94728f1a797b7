package org.examhall.bank.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.QuestionField;

/**
 * Reads questions from JSON: a bare array of questions, or a bank export ({@code {"questions": [...]}}).
 * Only the content is taken; ids, versions and statuses of an export are ignored, because imported
 * questions are drafts that go through review like any other.
 */
public final class JsonQuestionImporter {

    private static final LocalizedText LAYOUT = new LocalizedText("JSON 试题数组", "JSON array of questions");

    private final RawQuestionReader reader;

    public JsonQuestionImporter(CategoryTree categories, ImportDefaults defaults) {
        this.reader = new RawQuestionReader(categories::contains, defaults);
    }

    public ParsedBatch parse(InputStream json) {
        JsonNode root;
        try {
            root = Jackson.MAPPER.readTree(json);
        } catch (JacksonException malformed) {
            return ParsedBatch.unreadable(
                    "",
                    "JSON 格式错误：" + malformed.getOriginalMessage(),
                    "malformed JSON: " + malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            return ParsedBatch.unreadable(
                    "", "无法读取文件：" + unreadable.getMessage(), "cannot read the file: " + unreadable.getMessage());
        }
        JsonNode questions = root != null && root.isObject() ? root.path("questions") : root;
        if (questions == null || !questions.isArray()) {
            return ParsedBatch.unreadable(
                    "questions",
                    "应为试题数组或含 questions 数组的对象",
                    "expected an array of questions or an object with a 'questions' array");
        }
        List<ParsedRow> rows = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        reader.checkDefaults(problems);
        for (int i = 0; i < questions.size(); i++) {
            ParsedRow row = reader.read(QuestionJson.raw(i + 1, questions.get(i)), QuestionJson.COLUMNS, problems);
            if (row != null) {
                rows.add(row);
            }
        }
        return new ParsedBatch(rows, problems, QuestionJson.COLUMNS.of(QuestionField.STEM), LAYOUT);
    }
}
