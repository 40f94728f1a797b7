package org.examhall.bank.io;

import java.util.List;

/**
 * One row of an import as the source wrote it, before anything is checked. Absent cells are null.
 *
 * @param options the option cells in order A, B, …, empty cells included
 */
record RawQuestion(
        int row,
        String type,
        String stem,
        String image,
        List<String> options,
        String answer,
        List<String> knowledgePoints,
        String difficulty,
        String category,
        String source,
        String fixedOptionOrder) {}
