package org.examhall.bank.scoring;

import java.math.BigDecimal;
import java.util.List;

/** The result of one paper, with the breakdowns a candidate's score slip and a bureau's analysis need. */
public record ScoreReport(
        BigDecimal score,
        BigDecimal totalPoints,
        BigDecimal passMark,
        boolean passed,
        List<SectionScore> sections,
        List<KnowledgePointScore> knowledgePoints,
        List<ItemScore> items) {

    public ScoreReport {
        sections = List.copyOf(sections);
        knowledgePoints = List.copyOf(knowledgePoints);
        items = List.copyOf(items);
    }
}
