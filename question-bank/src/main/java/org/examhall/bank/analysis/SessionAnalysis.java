package org.examhall.bank.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * Per session: the score distribution against the pass mark, and KR-20. Candidates of one session sit
 * different papers drawn from one blueprint, so KR-20's items are the paper positions: position 12 is
 * the same section, type and points on every paper, filled by a randomly parallel question. In the
 * general form used (coefficient α), partial-credit items count by their variance, which for right/
 * wrong items is KR-20's p·q.
 */
final class SessionAnalysis {

    static final int BINS = 10;

    private SessionAnalysis() {}

    static SessionStatistics session(long session, List<ScoredSitting> sittings) {
        double[] points = sittings.stream().mapToDouble(ScoredSitting::points).toArray();
        double total = sittings.get(0).total();
        double passMark = sittings.get(0).passMark();
        long passed = sittings.stream().filter(s -> s.points() >= s.passMark()).count();
        Integer[] histogram = new Integer[BINS];
        Arrays.fill(histogram, 0);
        for (ScoredSitting sitting : sittings) {
            int bin = sitting.total() <= 0 ? 0 : (int) Math.floor(BINS * sitting.points() / sitting.total());
            histogram[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        return new SessionStatistics(
                session,
                sittings.size(),
                Statistics.mean(points),
                Math.sqrt(Statistics.variance(points)),
                total,
                passMark,
                (double) passed / sittings.size(),
                kr20(sittings),
                List.of(histogram));
    }

    /** KR-20 (α) over paper positions, or null where it is undefined. */
    static Double kr20(List<ScoredSitting> sittings) {
        int k = sittings.get(0).responses().size();
        if (sittings.size() < 2
                || k < 2
                || sittings.stream().anyMatch(s -> s.responses().size() != k)) {
            return null;
        }
        double[][] byPosition = new double[k][sittings.size()];
        double[] totals = new double[sittings.size()];
        for (int c = 0; c < sittings.size(); c++) {
            List<ItemResponse> responses = sittings.get(c).responses();
            for (int j = 0; j < k; j++) {
                byPosition[j][c] = responses.get(j).score();
                totals[c] += responses.get(j).score();
            }
        }
        double totalVariance = Statistics.variance(totals);
        if (totalVariance <= 1e-12) {
            return null;
        }
        double itemVariance = 0;
        for (double[] position : byPosition) {
            itemVariance += Statistics.variance(position);
        }
        return (double) k / (k - 1) * (1 - itemVariance / totalVariance);
    }
}
