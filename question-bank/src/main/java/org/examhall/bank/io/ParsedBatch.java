package org.examhall.bank.io;

import java.util.List;
import org.examhall.bank.LocalizedText;

/**
 * What a parser made of a file: the good rows and a problem for every bad cell.
 *
 * @param stemColumn how the source names its stem column, so later checks on stems can point at it
 * @param layout     how the file was read (which layout, which columns), for the mapping preview; null
 *                   when it could not be read at all
 */
public record ParsedBatch(List<ParsedRow> rows, List<ImportProblem> problems, String stemColumn, LocalizedText layout) {

    public ParsedBatch {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    /** A file that could not be read at all, reported as a problem of row 0. */
    static ParsedBatch unreadable(String column, String zh, String en) {
        return new ParsedBatch(List.of(), List.of(ImportProblem.of(0, column, zh, en)), column, null);
    }
}
