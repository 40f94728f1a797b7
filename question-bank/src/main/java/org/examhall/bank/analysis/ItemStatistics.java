package org.examhall.bank.analysis;

import java.util.List;
import org.examhall.bank.question.QuestionRef;

/**
 * What the scored sittings say about one question version.
 *
 * @param sittings       sittings that were asked it
 * @param papers         distinct papers it was on
 * @param p              the mean share of its points earned (the share correct, for right/wrong items)
 * @param pointBiserial  the correlation of the item score with the rest of the paper's score; null when
 *                       either does not vary
 * @param upperLower     p in the top 27 % of each session's candidates by score less p in its bottom 27 %
 * @param options        per option in written order
 * @param meanSeconds    mean time on the item where the answer steps tell; null when they never do
 * @param flags          reasons to review it; empty with fewer than {@link ItemAnalysis#MIN_SITTINGS} sittings
 */
public record ItemStatistics(
        QuestionRef question,
        int sittings,
        int papers,
        double p,
        Double pointBiserial,
        double upperLower,
        List<OptionShare> options,
        Double meanSeconds,
        List<ReviewFlag> flags) {

    public ItemStatistics {
        options = List.copyOf(options);
        flags = List.copyOf(flags);
    }
}
