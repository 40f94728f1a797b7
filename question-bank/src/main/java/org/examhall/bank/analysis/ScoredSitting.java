package org.examhall.bank.analysis;

import java.util.List;

/**
 * One candidate's scored paper.
 *
 * @param session   the exam session it belongs to
 * @param paper     what identifies the paper drawn, so exposure counts papers as well as sittings
 * @param points    the score, in points
 * @param total     the paper's total points
 * @param passMark  the paper's pass mark, in points
 * @param responses the items in paper order
 */
public record ScoredSitting(
        long session, String paper, double points, double total, double passMark, List<ItemResponse> responses) {

    public ScoredSitting {
        responses = List.copyOf(responses);
    }
}
