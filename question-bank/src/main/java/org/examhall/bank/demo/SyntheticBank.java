package org.examhall.bank.demo;

import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.assembly.SeededRandom;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.category.OperationClass;
import org.examhall.bank.category.OperationItem;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.QuestionType;
import org.examhall.bank.question.SourceLevel;

/**
 * Generates large banks of meaningless but valid active questions for benchmarks and property tests:
 * 60 % true/false, 30 % single choice (4 options), 10 % multiple choice (5 options), twenty knowledge
 * points with one or two per question, difficulties 1–5 evenly. The same arguments give the same bank.
 */
public final class SyntheticBank {

    public static final String CATEGORY = "SYN-01";
    public static final int KNOWLEDGE_POINTS = 20;

    private SyntheticBank() {}

    /** A tree holding only the synthetic category, for code that validates categories. */
    public static CategoryTree categories() {
        return new CategoryTree(
                List.of(new OperationClass("SYN", "合成类别", List.of(new OperationItem(CATEGORY, "合成操作项目")))), List.of());
    }

    public static QuestionBank generate(int size, long seed) {
        SeededRandom random = new SeededRandom(seed);
        List<Question> questions = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            QuestionType type = i % 10 < 6
                    ? QuestionType.TRUE_FALSE
                    : i % 10 < 9 ? QuestionType.SINGLE_CHOICE : QuestionType.MULTIPLE_CHOICE;
            questions.add(
                    new Question(String.format("SYN-%06d", i), 1, QuestionStatus.ACTIVE, content(i, type, random)));
        }
        return QuestionBank.of(1, questions);
    }

    private static QuestionContent content(int serial, QuestionType type, SeededRandom random) {
        List<String> knowledgePoints = new ArrayList<>(2);
        knowledgePoints.add(knowledgePoint(random.nextInt(KNOWLEDGE_POINTS)));
        if (random.nextInt(3) == 0) {
            String second = knowledgePoint(random.nextInt(KNOWLEDGE_POINTS));
            if (!knowledgePoints.contains(second)) {
                knowledgePoints.add(second);
            }
        }
        int difficulty = 1 + random.nextInt(5);
        String stem = "合成试题第 " + serial + " 题";
        if (type == QuestionType.TRUE_FALSE) {
            return QuestionContent.trueFalse(stem, random.nextInt(2) == 0, knowledgePoints, difficulty, CATEGORY);
        }
        int optionCount = type == QuestionType.SINGLE_CHOICE ? 4 : 5;
        List<String> options = new ArrayList<>(optionCount);
        for (int o = 0; o < optionCount; o++) {
            options.add("选项 " + serial + "-" + o);
        }
        int first = random.nextInt(optionCount);
        AnswerKey key = type == QuestionType.SINGLE_CHOICE
                ? AnswerKey.ofIndexes(first)
                : AnswerKey.ofIndexes(first, (first + 1 + random.nextInt(optionCount - 1)) % optionCount);
        return new QuestionContent(
                type,
                stem,
                null,
                options,
                key,
                knowledgePoints,
                difficulty,
                CATEGORY,
                SourceLevel.NATIONAL,
                serial % 50 == 0);
    }

    public static String knowledgePoint(int index) {
        return String.format("知识点%02d", index + 1);
    }
}
