package org.examhall.bank.io;

import java.util.List;
import org.examhall.bank.question.SourceLevel;

/**
 * What QTI items do not say about themselves and the bank needs: QTI has no notion of operation items,
 * difficulty 1–5 or knowledge points, so the bureau names them for the whole batch.
 */
public record QtiDefaults(String category, int difficulty, List<String> knowledgePoints, SourceLevel source) {

    public QtiDefaults {
        knowledgePoints = List.copyOf(knowledgePoints);
    }
}
