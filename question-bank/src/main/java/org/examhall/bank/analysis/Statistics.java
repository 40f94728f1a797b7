package org.examhall.bank.analysis;

/** The moments session statistics need, over plain arrays. Population (not sample) variances. */
final class Statistics {

    private Statistics() {}

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    static double variance(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return values.length == 0 ? 0 : sum / values.length;
    }
}
