package org.examhall.bank.analysis;

import org.examhall.bank.question.QuestionRef;

/**
 * One candidate's answer to one item of a scored sitting.
 *
 * @param position the item's number on the paper, from 1
 * @param chosen   the options chosen as letters in the question's written order; empty when unanswered
 * @param score    the share of the item's points earned, 0 to 1 (fractions under partial credit)
 * @param seconds  the time spent on the item, or null where the answer steps do not tell
 */
public record ItemResponse(int position, QuestionRef question, String chosen, double score, Double seconds) {

    public ItemResponse {
        if (score < 0 || score > 1 || Double.isNaN(score)) {
            throw new IllegalArgumentException("score must be a share from 0 to 1: " + score);
        }
        chosen = chosen == null ? "" : chosen;
    }
}
