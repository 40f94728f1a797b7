package org.examhall.bank.io;

import org.examhall.bank.LocalizedText;

/**
 * One bad cell of an import.
 *
 * @param row    the row as the source numbers it: the spreadsheet row (header = 1), the position in a
 *               JSON array (from 1), or the QTI item's position in the batch (from 1)
 * @param column the column as the source names it: {@code I (答案)}, {@code answer}, {@code correctResponse}
 */
public record ImportProblem(int row, String column, LocalizedText reason) {

    static ImportProblem of(int row, String column, String zh, String en) {
        return new ImportProblem(row, column, new LocalizedText(zh, en));
    }
}
