package org.examhall.bank.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionField;
import org.examhall.bank.question.QuestionType;

/**
 * The JSON form of one question, flat and close to the spreadsheet:
 * <pre>{"id": "ELEC-LV-0001", "version": 1, "status": "ACTIVE", "type": "单选题", "stem": "…",
 *  "options": ["…", "…"], "answer": "B", "knowledgePoints": ["安全电压"], "difficulty": 2,
 *  "category": "ELEC-LV", "source": "国家级"}</pre>
 * True/false questions leave out {@code options} and answer 正确 or 错误. Reading accepts every notation
 * the spreadsheet import accepts.
 */
final class QuestionJson {

    /** JSON field names double as the column names of import problems. */
    static final ColumnNames COLUMNS = new ColumnNames() {
        @Override
        public String of(QuestionField field) {
            return switch (field) {
                case TYPE -> "type";
                case STEM -> "stem";
                case IMAGE -> "image";
                case OPTIONS -> "options";
                case ANSWER -> "answer";
                case KNOWLEDGE_POINTS -> "knowledgePoints";
                case DIFFICULTY -> "difficulty";
                case CATEGORY -> "category";
                case SOURCE_LEVEL -> "source";
            };
        }

        @Override
        public String option(int index) {
            return "options[" + index + "]";
        }
    };

    private QuestionJson() {}

    static ObjectNode write(Question question) {
        ObjectNode node = Jackson.MAPPER.createObjectNode();
        node.put("id", question.id());
        node.put("version", question.version());
        node.put("status", question.status().name());
        QuestionContent content = question.content();
        node.put("type", BureauNotation.typeName(content.type()));
        node.put("stem", content.stem());
        if (content.imageRef() != null) {
            node.put("image", content.imageRef());
        }
        if (content.type() != QuestionType.TRUE_FALSE) {
            ArrayNode options = node.putArray("options");
            content.options().forEach(options::add);
        }
        node.put("answer", BureauNotation.answerText(content.type(), content.answer()));
        ArrayNode knowledgePoints = node.putArray("knowledgePoints");
        content.knowledgePoints().forEach(knowledgePoints::add);
        node.put("difficulty", content.difficulty());
        node.put("category", content.category());
        node.put("source", BureauNotation.sourceName(content.sourceLevel()));
        if (content.fixedOptionOrder()) {
            node.put("fixedOptionOrder", true);
        }
        return node;
    }

    /** The fields of one JSON question as text, for {@link RawQuestionReader}. */
    static RawQuestion raw(int row, JsonNode node) {
        List<String> options = new ArrayList<>();
        node.path("options").forEach(option -> options.add(option.asText()));
        JsonNode kp = node.path("knowledgePoints");
        List<String> knowledgePoints =
                kp.isArray() ? streamText(kp) : BureauNotation.knowledgePoints(text(node, "knowledgePoints"));
        return new RawQuestion(
                row,
                text(node, "type"),
                text(node, "stem"),
                text(node, "image"),
                options,
                text(node, "answer"),
                knowledgePoints,
                text(node, "difficulty"),
                text(node, "category"),
                text(node, "source"),
                text(node, "fixedOptionOrder"));
    }

    private static List<String> streamText(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
