package org.examhall.bank.blueprint;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown where a valid blueprint is required; carries every problem found. */
public final class InvalidBlueprintException extends IllegalArgumentException {

    private final transient List<BlueprintProblem> problems;

    public InvalidBlueprintException(List<BlueprintProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.reason()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<BlueprintProblem> problems() {
        return problems;
    }
}
