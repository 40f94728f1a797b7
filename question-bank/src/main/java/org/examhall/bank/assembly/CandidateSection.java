package org.examhall.bank.assembly;

import java.math.BigDecimal;
import java.util.List;
import org.examhall.bank.question.QuestionType;

/** One section of a {@link CandidatePaper}; {@code title} is the Chinese type name shown as a heading. */
public record CandidateSection(QuestionType type, String title, BigDecimal pointsEach, List<CandidateItem> items) {

    public CandidateSection {
        items = List.copyOf(items);
    }

    static CandidateSection of(PaperSection section) {
        return new CandidateSection(
                section.type(),
                section.type().chineseName(),
                section.pointsEach(),
                section.items().stream().map(CandidateItem::of).toList());
    }
}
