package org.examhall.bank.question;

import java.util.List;
import java.util.Objects;

/**
 * What an author writes: everything about a question except its identity and review status.
 *
 * @param imageRef         a reference to a stored image shown with the stem, or null
 * @param answer           the correct options as positions in {@code options}
 * @param fixedOptionOrder keep the options in the written order on every paper, for options such as
 *                         "以上都对" that only make sense last
 */
public record QuestionContent(
        QuestionType type,
        String stem,
        String imageRef,
        List<String> options,
        AnswerKey answer,
        List<String> knowledgePoints,
        int difficulty,
        String category,
        SourceLevel sourceLevel,
        boolean fixedOptionOrder) {

    public QuestionContent {
        options = List.copyOf(Objects.requireNonNull(options, "options"));
        knowledgePoints = List.copyOf(Objects.requireNonNull(knowledgePoints, "knowledgePoints"));
        List<QuestionProblem> problems =
                QuestionRules.check(type, stem, options, answer, difficulty, category, sourceLevel);
        if (!problems.isEmpty()) {
            throw new InvalidQuestionException(problems);
        }
    }

    /**
     * The problems content with these parts would have, without building it; for importers that
     * report every bad cell of a row.
     */
    public static List<QuestionProblem> problemsOf(
            QuestionType type,
            String stem,
            List<String> options,
            AnswerKey answer,
            int difficulty,
            String category,
            SourceLevel sourceLevel) {
        return QuestionRules.check(type, stem, options, answer, difficulty, category, sourceLevel);
    }

    public static QuestionContent trueFalse(
            String stem, boolean correct, List<String> knowledgePoints, int difficulty, String category) {
        return new QuestionContent(
                QuestionType.TRUE_FALSE,
                stem,
                null,
                TrueFalseOptions.TEXTS,
                correct ? TrueFalseOptions.TRUE : TrueFalseOptions.FALSE,
                knowledgePoints,
                difficulty,
                category,
                SourceLevel.NATIONAL,
                false);
    }

    public static QuestionContent choice(
            QuestionType type,
            String stem,
            List<String> options,
            String answerLetters,
            List<String> knowledgePoints,
            int difficulty,
            String category) {
        return new QuestionContent(
                type,
                stem,
                null,
                options,
                AnswerKey.ofLetters(answerLetters),
                knowledgePoints,
                difficulty,
                category,
                SourceLevel.NATIONAL,
                false);
    }

    public boolean hasKnowledgePoint(String knowledgePoint) {
        return knowledgePoints.contains(knowledgePoint);
    }
}
