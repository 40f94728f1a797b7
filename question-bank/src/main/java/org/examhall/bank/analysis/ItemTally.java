package org.examhall.bank.analysis;

import org.examhall.bank.question.AnswerKey;

/**
 * The sums one question version's statistics are made of, over some sittings. Sums add, so a session
 * is tallied once, when it is scored, and the bank's statistics are the tallies of all sessions added
 * up: no rereading of every sitting each time another one is scored.
 *
 * <p>x is the share of the item's points earned and r the rest of the paper (the other items' x
 * summed). Upper and lower are the top and bottom 27 % of the session's candidates asked the item.
 */
public final class ItemTally {

    int n;
    double sumX;
    double sumXX;
    double sumR;
    double sumRR;
    double sumXR;
    int upperN;
    double upperSumX;
    int lowerN;
    double lowerSumX;
    final int[] chosen = new int[AnswerKey.MAX_OPTIONS];
    final int[] upperChosen = new int[AnswerKey.MAX_OPTIONS];
    final int[] lowerChosen = new int[AnswerKey.MAX_OPTIONS];
    double sumSeconds;
    int timed;
    int papers;

    void add(ItemTally other) {
        n += other.n;
        sumX += other.sumX;
        sumXX += other.sumXX;
        sumR += other.sumR;
        sumRR += other.sumRR;
        sumXR += other.sumXR;
        upperN += other.upperN;
        upperSumX += other.upperSumX;
        lowerN += other.lowerN;
        lowerSumX += other.lowerSumX;
        for (int i = 0; i < AnswerKey.MAX_OPTIONS; i++) {
            chosen[i] += other.chosen[i];
            upperChosen[i] += other.upperChosen[i];
            lowerChosen[i] += other.lowerChosen[i];
        }
        sumSeconds += other.sumSeconds;
        timed += other.timed;
        papers += other.papers;
    }

    /** Pearson's correlation of x and r from the sums, or null when either does not vary. */
    Double pointBiserial() {
        double xx = n * sumXX - sumX * sumX;
        double rr = n * sumRR - sumR * sumR;
        if (xx <= 1e-9 * Math.max(1, n * sumXX) || rr <= 1e-9 * Math.max(1, n * sumRR)) {
            return null;
        }
        return Math.max(-1, Math.min(1, (n * sumXR - sumX * sumR) / Math.sqrt(xx * rr)));
    }
}
