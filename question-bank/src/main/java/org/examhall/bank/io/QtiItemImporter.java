package org.examhall.bank.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.InvalidQuestionException;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionField;
import org.examhall.bank.question.QuestionProblem;
import org.examhall.bank.question.QuestionType;
import org.examhall.bank.question.TrueFalseOptions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads QTI 2.1 and 3.0 choice items ({@code assessmentItem} with one {@code choiceInteraction}), so
 * banks kept in QTI tools can move over. A single-cardinality item whose two choices read 正确/错误 (or
 * true/false) becomes a true/false question; other single items are single choice, multiple items
 * multiple choice. Items that shuffle nothing, or pin any choice, keep their option order on papers.
 */
public final class QtiItemImporter {

    private final CategoryTree categories;
    private final QtiDefaults defaults;

    public QtiItemImporter(CategoryTree categories, QtiDefaults defaults) {
        this.categories = categories;
        this.defaults = defaults;
    }

    /** Row numbers in problems are positions in {@code items}, from 1. */
    public ParsedBatch parse(List<QtiSource> items) {
        List<ParsedRow> rows = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        if (!categories.contains(defaults.category())) {
            problems.add(ImportProblem.of(
                    0,
                    "category",
                    "未知的类别代码“" + defaults.category() + "”",
                    "unknown category code '" + defaults.category() + "'"));
        }
        for (int i = 0; i < items.size(); i++) {
            ItemProblems itemProblems = new ItemProblems(i + 1, items.get(i).name(), problems);
            QuestionContent content = read(items.get(i), itemProblems);
            if (content != null) {
                rows.add(new ParsedRow(i + 1, content));
            }
        }
        return new ParsedBatch(
                rows,
                problems,
                "itemBody",
                new LocalizedText("QTI 试题（共 " + items.size() + " 个）", "QTI items (" + items.size() + ")"));
    }

    private QuestionContent read(QtiSource source, ItemProblems problems) {
        Document document;
        try {
            document = SecureXml.newDocumentBuilder().parse(new ByteArrayInputStream(source.content()));
        } catch (SAXException | IOException malformed) {
            problems.add(
                    "assessmentItem",
                    "XML 无法解析：" + malformed.getMessage(),
                    "XML cannot be parsed: " + malformed.getMessage());
            return null;
        }
        Element item = document.getDocumentElement();
        if (!QtiElements.is(item, "assessmentItem")) {
            problems.add("assessmentItem", "根元素不是 assessmentItem", "the root element is not assessmentItem");
            return null;
        }
        List<Element> interactions = QtiElements.descendants(item, "choiceInteraction");
        if (interactions.size() != 1) {
            problems.add(
                    "choiceInteraction",
                    "只支持恰有一个 choiceInteraction 的试题，本题有 " + interactions.size() + " 个",
                    "only items with exactly one choiceInteraction are supported; this one has " + interactions.size());
            return null;
        }
        return read(item, interactions.get(0), problems);
    }

    private QuestionContent read(Element item, Element interaction, ItemProblems problems) {
        String responseId = QtiElements.attribute(interaction, "responseIdentifier");
        Element declaration = QtiElements.children(item, "responseDeclaration").stream()
                .filter(d -> QtiElements.attribute(d, "identifier").equals(responseId))
                .findFirst()
                .orElse(null);
        if (declaration == null) {
            problems.add(
                    "responseDeclaration",
                    "缺少与 " + responseId + " 对应的 responseDeclaration",
                    "no responseDeclaration for response " + responseId);
            return null;
        }
        List<Element> choices = QtiElements.children(interaction, "simpleChoice");
        List<String> choiceIds = choices.stream()
                .map(c -> QtiElements.attribute(c, "identifier"))
                .toList();
        List<String> texts = choices.stream().map(QtiElements::text).toList();
        String cardinality = QtiElements.attribute(declaration, "cardinality");
        if (!cardinality.equals("single") && !cardinality.equals("multiple")) {
            problems.add(
                    "responseDeclaration",
                    "cardinality 应为 single 或 multiple，实际为“" + cardinality + "”",
                    "cardinality must be single or multiple, got '" + cardinality + "'");
            return null;
        }
        AnswerKey key = correctResponse(declaration, choiceIds, problems);
        if (key == null) {
            return null;
        }
        QuestionType type = cardinality.equals("multiple")
                ? QuestionType.MULTIPLE_CHOICE
                : isTrueFalse(texts) ? QuestionType.TRUE_FALSE : QuestionType.SINGLE_CHOICE;
        List<String> options = texts;
        if (type == QuestionType.TRUE_FALSE) {
            boolean firstIsTrue = isTrueWord(texts.get(0));
            options = TrueFalseOptions.TEXTS;
            key = key.contains(0) == firstIsTrue ? TrueFalseOptions.TRUE : TrueFalseOptions.FALSE;
        }
        boolean fixedOrder = "false".equals(QtiElements.attribute(interaction, "shuffle"))
                || choices.stream().anyMatch(c -> "true".equals(QtiElements.attribute(c, "fixed")));
        try {
            return new QuestionContent(
                    type,
                    stem(item, interaction),
                    image(item),
                    options,
                    key,
                    defaults.knowledgePoints(),
                    defaults.difficulty(),
                    defaults.category(),
                    defaults.source(),
                    fixedOrder);
        } catch (InvalidQuestionException invalid) {
            for (QuestionProblem problem : invalid.problems()) {
                problems.add(
                        column(problem.field()),
                        problem.reason().zh(),
                        problem.reason().en());
            }
            return null;
        }
    }

    private static AnswerKey correctResponse(Element declaration, List<String> choiceIds, ItemProblems problems) {
        List<Element> values = QtiElements.descendants(declaration, "value");
        if (QtiElements.descendants(declaration, "correctResponse").isEmpty() || values.isEmpty()) {
            problems.add("correctResponse", "缺少 correctResponse", "correctResponse is missing");
            return null;
        }
        int[] indexes = new int[values.size()];
        for (int i = 0; i < values.size(); i++) {
            String id = QtiElements.text(values.get(i));
            indexes[i] = choiceIds.indexOf(id);
            if (indexes[i] < 0 || indexes[i] >= AnswerKey.MAX_OPTIONS) {
                problems.add(
                        "correctResponse",
                        "正确答案 " + id + " 不是本题的选项",
                        "correct response " + id + " is not one of the item's choices");
                return null;
            }
        }
        return AnswerKey.ofIndexes(indexes);
    }

    /** The item body's own text without the choices, then the interaction's prompt. */
    private static String stem(Element item, Element interaction) {
        StringBuilder stem = new StringBuilder();
        for (Element body : QtiElements.children(item, "itemBody")) {
            appendTextOutside(body, interaction, stem);
        }
        QtiElements.children(interaction, "prompt")
                .forEach(p -> stem.append(' ').append(QtiElements.text(p)));
        return stem.toString().replaceAll("\\s+", " ").strip();
    }

    private static void appendTextOutside(Node node, Element interaction, StringBuilder out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child == interaction) {
                continue;
            }
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                out.append(child.getNodeValue()).append(' ');
            } else if (child instanceof Element) {
                appendTextOutside(child, interaction, out);
            }
        }
    }

    private static String image(Element item) {
        return QtiElements.descendants(item, "img").stream()
                .map(img -> QtiElements.attribute(img, "src"))
                .filter(src -> !src.isBlank())
                .findFirst()
                .orElse(null);
    }

    private static boolean isTrueFalse(List<String> texts) {
        return texts.size() == 2
                && (isTrueWord(texts.get(0)) && isFalseWord(texts.get(1))
                        || isFalseWord(texts.get(0)) && isTrueWord(texts.get(1)));
    }

    private static boolean isTrueWord(String text) {
        return List.of("正确", "对", "TRUE", "是").contains(BureauNotation.normalize(text));
    }

    private static boolean isFalseWord(String text) {
        return List.of("错误", "错", "FALSE", "否").contains(BureauNotation.normalize(text));
    }

    private static String column(QuestionField field) {
        return switch (field) {
            case TYPE -> "responseDeclaration";
            case STEM, IMAGE -> "itemBody";
            case OPTIONS -> "simpleChoice";
            case ANSWER -> "correctResponse";
            case KNOWLEDGE_POINTS -> "defaults.knowledgePoints";
            case DIFFICULTY -> "defaults.difficulty";
            case CATEGORY -> "defaults.category";
            case SOURCE_LEVEL -> "defaults.source";
        };
    }

    /** Problems of one item, with the file name in the column so the bureau finds the file. */
    private record ItemProblems(int row, String source, List<ImportProblem> problems) {

        void add(String element, String zh, String en) {
            problems.add(ImportProblem.of(row, source + " " + element, zh, en));
        }
    }
}
