package org.examhall.bank.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;

/**
 * A whole bank snapshot as JSON, every version with its status: the export format, the demo bank's
 * format, and a backup that restores the same bank version.
 * <pre>{"format": "examhall-bank/1", "bankVersion": 7, "questions": [ …see QuestionJson… ]}</pre>
 */
public final class BankJson {

    static final String FORMAT = "examhall-bank/1";

    private BankJson() {}

    public static void write(QuestionBank bank, OutputStream out) throws IOException {
        ObjectNode root = Jackson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("bankVersion", bank.version());
        ArrayNode questions = root.putArray("questions");
        bank.allVersions().forEach(q -> questions.add(QuestionJson.write(q)));
        Jackson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    /**
     * @throws BankFormatException listing every bad question when the snapshot is not entirely valid
     * @throws IOException         when the stream cannot be read
     */
    public static QuestionBank read(InputStream in, CategoryTree categories) throws IOException {
        JsonNode root;
        try {
            root = Jackson.MAPPER.readTree(in);
        } catch (JacksonException malformed) {
            String reason = malformed.getOriginalMessage();
            throw new BankFormatException(
                    List.of(ImportProblem.of(0, "", "JSON 格式错误：" + reason, "malformed JSON: " + reason)));
        }
        if (root == null
                || !FORMAT.equals(root.path("format").asText())
                || !root.path("questions").isArray()) {
            throw new BankFormatException(List.of(
                    ImportProblem.of(0, "format", "不是 " + FORMAT + " 格式的题库文件", "not a bank file in format " + FORMAT)));
        }
        QuestionJsonReader reader = new QuestionJsonReader(categories::contains);
        List<Question> questions = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        JsonNode array = root.path("questions");
        for (int i = 0; i < array.size(); i++) {
            Question question = reader.read(i + 1, array.get(i), problems);
            if (question != null) {
                questions.add(question);
            }
        }
        if (!problems.isEmpty()) {
            throw new BankFormatException(problems);
        }
        try {
            return QuestionBank.of(root.path("bankVersion").asLong(), questions);
        } catch (IllegalArgumentException inconsistent) {
            String reason = inconsistent.getMessage();
            throw new BankFormatException(
                    List.of(ImportProblem.of(0, "questions", "题库版本不一致：" + reason, "inconsistent versions: " + reason)));
        }
    }
}
