package org.examhall.bank.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.examhall.bank.assembly.CandidatePaper;
import org.examhall.bank.assembly.OptionOrder;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperItem;
import org.examhall.bank.assembly.PaperSection;
import org.examhall.bank.blueprint.MultipleChoiceRule;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionType;

/**
 * Papers as JSON. The server's paper is stored whole, questions and keys included, so the archive can
 * be scored again without the bank; the candidate's view is what a terminal receives.
 */
public final class PaperJson {

    private PaperJson() {}

    /** The JSON a terminal receives: no keys, no question ids, options in display order. */
    public static String writeCandidateView(CandidatePaper paper) throws IOException {
        return Jackson.MAPPER.writeValueAsString(paper);
    }

    /** The server's paper with everything needed to score it again. Never send this to a terminal. */
    public static String write(Paper paper) throws IOException {
        ObjectNode root = Jackson.MAPPER.createObjectNode();
        root.put("blueprintId", paper.blueprintId());
        root.put("title", paper.title());
        root.put("category", paper.category());
        root.put("bankVersion", paper.bankVersion());
        root.put("seed", paper.seed());
        root.put("durationMinutes", paper.durationMinutes());
        root.put("totalPoints", paper.totalPoints());
        root.put("passMark", paper.passMark());
        root.put("multipleChoiceRule", paper.multipleChoiceRule().name());
        ArrayNode sections = root.putArray("sections");
        for (PaperSection section : paper.sections()) {
            ObjectNode sectionNode = sections.addObject();
            sectionNode.put("type", section.type().name());
            sectionNode.put("pointsEach", section.pointsEach());
            ArrayNode items = sectionNode.putArray("items");
            for (PaperItem item : section.items()) {
                ObjectNode itemNode = items.addObject();
                itemNode.put("number", item.number());
                ArrayNode order = itemNode.putArray("optionOrder");
                for (int original : item.optionOrder().toArray()) {
                    order.add(original);
                }
                itemNode.set("question", QuestionJson.write(item.question()));
            }
        }
        return Jackson.MAPPER.writeValueAsString(root);
    }

    /**
     * A paper from the archive, as it was drawn, whatever has since happened to the bank or the
     * category tree: rescoring must not depend on today's configuration.
     *
     * @throws BankFormatException when a stored question does not read (row = item number)
     */
    public static Paper read(String json) throws IOException {
        return read(json, category -> true);
    }

    /**
     * A paper whose questions must belong to categories of {@code categories}, e.g. one received
     * from another system.
     *
     * @throws BankFormatException when a stored question does not read (row = item number)
     */
    public static Paper read(String json, CategoryTree categories) throws IOException {
        return read(json, categories::contains);
    }

    private static Paper read(String json, Predicate<String> knownCategory) throws IOException {
        JsonNode root = Jackson.MAPPER.readTree(json);
        QuestionJsonReader reader = new QuestionJsonReader(knownCategory);
        List<ImportProblem> problems = new ArrayList<>();
        List<PaperSection> sections = new ArrayList<>();
        for (JsonNode sectionNode : root.path("sections")) {
            List<PaperItem> items = new ArrayList<>();
            for (JsonNode itemNode : sectionNode.path("items")) {
                int number = itemNode.path("number").asInt();
                Question question = reader.read(number, itemNode.path("question"), problems);
                if (question != null) {
                    items.add(new PaperItem(number, question, optionOrder(itemNode.path("optionOrder"))));
                }
            }
            sections.add(new PaperSection(
                    QuestionType.valueOf(sectionNode.path("type").asText()),
                    new BigDecimal(sectionNode.path("pointsEach").asText()),
                    items));
        }
        if (!problems.isEmpty()) {
            throw new BankFormatException(problems);
        }
        return new Paper(
                root.path("blueprintId").asText(),
                root.path("title").asText(),
                root.path("category").asText(),
                root.path("bankVersion").asLong(),
                root.path("seed").asLong(),
                root.path("durationMinutes").asInt(),
                new BigDecimal(root.path("totalPoints").asText()),
                new BigDecimal(root.path("passMark").asText()),
                MultipleChoiceRule.valueOf(root.path("multipleChoiceRule").asText()),
                sections);
    }

    private static OptionOrder optionOrder(JsonNode array) {
        int[] order = new int[array.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = array.get(i).asInt();
        }
        return OptionOrder.of(order);
    }
}
