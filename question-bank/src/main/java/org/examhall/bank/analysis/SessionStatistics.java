package org.examhall.bank.analysis;

import java.util.List;

/**
 * A session's papers as a whole.
 *
 * @param kr20      KR-20 reliability over paper positions, null with fewer than two sittings, fewer than
 *                  two positions, papers of different lengths, or scores that do not vary
 * @param histogram sittings per tenth of the total points: [0, 10 %), [10 %, 20 %) … [90 %, 100 %]
 */
public record SessionStatistics(
        long session,
        int sittings,
        double meanPoints,
        double sdPoints,
        double total,
        double passMark,
        double passRate,
        Double kr20,
        List<Integer> histogram) {

    public SessionStatistics {
        histogram = List.copyOf(histogram);
    }
}
