package org.examhall.bank.scoring;

import java.math.BigDecimal;
import org.examhall.bank.blueprint.MultipleChoiceRule;
import org.examhall.bank.question.QuestionType;

/** Marks one answer against one key; the only place the scoring rules live. */
final class ItemGrader {

    private ItemGrader() {}

    /**
     * @param key    the correct options, as a bit set in written order
     * @param chosen the chosen options in written order, or -1 when the answer named a position the
     *               question does not have (always wrong)
     */
    static Grade grade(QuestionType type, int key, int chosen, BigDecimal points, MultipleChoiceRule rule) {
        if (chosen == 0) {
            return new Grade(ItemOutcome.UNANSWERED, BigDecimal.ZERO);
        }
        if (chosen == key) {
            return new Grade(ItemOutcome.CORRECT, points);
        }
        boolean onlyCorrectOptions = chosen > 0 && (chosen & ~key) == 0;
        if (type == QuestionType.MULTIPLE_CHOICE && rule == MultipleChoiceRule.PARTIAL && onlyCorrectOptions) {
            BigDecimal credit =
                    MultipleChoiceRule.PARTIAL_CREDIT_PER_OPTION.multiply(BigDecimal.valueOf(Integer.bitCount(chosen)));
            return new Grade(ItemOutcome.PARTIAL, credit.min(points));
        }
        return new Grade(ItemOutcome.WRONG, BigDecimal.ZERO);
    }

    record Grade(ItemOutcome outcome, BigDecimal earned) {}
}
