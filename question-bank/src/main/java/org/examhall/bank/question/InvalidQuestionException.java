package org.examhall.bank.question;

import java.util.List;
import java.util.stream.Collectors;

/** Content that breaks the question rules; carries every problem found, not only the first. */
public final class InvalidQuestionException extends IllegalArgumentException {

    private final transient List<QuestionProblem> problems;

    public InvalidQuestionException(List<QuestionProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.reason()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<QuestionProblem> problems() {
        return problems;
    }
}
