package org.examhall.bank.assembly;

import java.math.BigDecimal;
import java.util.List;

/**
 * The paper as a terminal may see it. Built only of text, numbers and these records, so it cannot
 * hold an answer key, a question id or an option arrangement, whatever a later change adds to
 * {@link Paper}. Options appear in display order with the labels the candidate answers with.
 */
public record CandidatePaper(
        String title, int durationMinutes, BigDecimal totalPoints, List<CandidateSection> sections) {

    public CandidatePaper {
        sections = List.copyOf(sections);
    }

    static CandidatePaper of(Paper paper) {
        return new CandidatePaper(
                paper.title(),
                paper.durationMinutes(),
                paper.totalPoints(),
                paper.sections().stream().map(CandidateSection::of).toList());
    }
}
