package org.examhall.bank.question;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules every question version must meet. Kept apart from {@link QuestionContent} so that
 * importers can report all problems of a row at once instead of failing on the first.
 */
final class QuestionRules {

    static final int MIN_DIFFICULTY = 1;
    static final int MAX_DIFFICULTY = 5;

    private QuestionRules() {}

    static List<QuestionProblem> check(
            QuestionType type,
            String stem,
            List<String> options,
            AnswerKey answer,
            int difficulty,
            String category,
            SourceLevel sourceLevel) {
        List<QuestionProblem> problems = new ArrayList<>();
        if (type == null) {
            problems.add(QuestionProblem.of(QuestionField.TYPE, "缺少题型", "question type is missing"));
        }
        if (stem == null || stem.isBlank()) {
            problems.add(QuestionProblem.of(QuestionField.STEM, "题干不能为空", "stem must not be empty"));
        }
        if (type != null) {
            checkOptions(type, options, problems);
            checkAnswer(type, options, answer, problems);
        }
        if (difficulty < MIN_DIFFICULTY || difficulty > MAX_DIFFICULTY) {
            problems.add(QuestionProblem.of(
                    QuestionField.DIFFICULTY,
                    "难度须为 1–5 的整数，实际为 " + difficulty,
                    "difficulty must be a whole number from 1 to 5, got " + difficulty));
        }
        if (category == null || category.isBlank()) {
            problems.add(QuestionProblem.of(
                    QuestionField.CATEGORY, "缺少类别（操作项目代码）", "category (operation item code) is missing"));
        }
        if (sourceLevel == null) {
            problems.add(QuestionProblem.of(QuestionField.SOURCE_LEVEL, "缺少来源级别", "source level is missing"));
        }
        return problems;
    }

    private static void checkOptions(QuestionType type, List<String> options, List<QuestionProblem> problems) {
        if (type == QuestionType.TRUE_FALSE) {
            if (!TrueFalseOptions.TEXTS.equals(options)) {
                problems.add(QuestionProblem.of(
                        QuestionField.OPTIONS, "判断题的选项只能是“正确”“错误”", "true/false options must be 正确 and 错误"));
            }
            return;
        }
        if (options.size() < 2 || options.size() > AnswerKey.MAX_OPTIONS) {
            problems.add(QuestionProblem.of(
                    QuestionField.OPTIONS,
                    "选择题须有 2–6 个选项，实际为 " + options.size(),
                    "a choice question needs 2 to 6 options, got " + options.size()));
        }
        if (options.stream().anyMatch(o -> o == null || o.isBlank())) {
            problems.add(QuestionProblem.of(QuestionField.OPTIONS, "选项不能为空", "options must not be empty"));
        }
        if (options.stream().distinct().count() != options.size()) {
            problems.add(QuestionProblem.of(QuestionField.OPTIONS, "选项内容重复", "two options have the same text"));
        }
    }

    private static void checkAnswer(
            QuestionType type, List<String> options, AnswerKey answer, List<QuestionProblem> problems) {
        if (answer == null || answer.isEmpty()) {
            problems.add(QuestionProblem.of(QuestionField.ANSWER, "缺少答案", "answer is missing"));
            return;
        }
        if (answer.highestIndex() >= options.size()) {
            problems.add(QuestionProblem.of(
                    QuestionField.ANSWER,
                    "答案 " + answer.letters() + " 指向不存在的选项",
                    "answer " + answer.letters() + " names an option that does not exist"));
        }
        if (type == QuestionType.MULTIPLE_CHOICE && answer.size() < 2) {
            problems.add(QuestionProblem.of(
                    QuestionField.ANSWER,
                    "多选题至少有两个正确选项",
                    "a multiple-choice question needs at least two correct options"));
        }
        if (type != QuestionType.MULTIPLE_CHOICE && answer.size() != 1) {
            problems.add(QuestionProblem.of(
                    QuestionField.ANSWER,
                    type.chineseName() + "只能有一个正确答案",
                    type + " must have exactly one correct answer"));
        }
    }
}
