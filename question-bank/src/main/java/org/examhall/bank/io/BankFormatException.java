package org.examhall.bank.io;

import java.util.List;
import java.util.stream.Collectors;

/** A stored bank or paper that does not read back; carries every problem found. */
public final class BankFormatException extends IllegalArgumentException {

    private final transient List<ImportProblem> problems;

    public BankFormatException(List<ImportProblem> problems) {
        super(problems.stream()
                .map(p -> "row " + p.row() + " " + p.column() + ": " + p.reason())
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
