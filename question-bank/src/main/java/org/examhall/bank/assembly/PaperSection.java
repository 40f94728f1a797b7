package org.examhall.bank.assembly;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.examhall.bank.question.QuestionType;

/** The questions of one type on a paper, in the order the candidate sees them. */
public record PaperSection(QuestionType type, BigDecimal pointsEach, List<PaperItem> items) {

    public PaperSection {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pointsEach, "pointsEach");
        items = List.copyOf(items);
    }
}
