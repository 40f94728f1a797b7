package org.examhall.bank.io;

import java.util.List;
import org.examhall.bank.question.SourceLevel;

/**
 * What a batch says for rows that leave a field empty. Banks that circulate rarely carry difficulty,
 * knowledge points or the operation item, so the bureau names them once for the whole file.
 *
 * @param source          the source level of rows that name none
 * @param category        the category of rows without one, or null
 * @param difficulty      the difficulty of rows without one, or null
 * @param knowledgePoints the knowledge points of rows without any
 */
public record ImportDefaults(SourceLevel source, String category, Integer difficulty, List<String> knowledgePoints) {

    public ImportDefaults {
        category = category == null || category.isBlank() ? null : category.strip();
        knowledgePoints = List.copyOf(knowledgePoints);
    }

    /** No defaults beyond the source level. */
    public static ImportDefaults only(SourceLevel source) {
        return new ImportDefaults(source, null, null, List.of());
    }
}
