package org.examhall.load;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus histogram as scraped: cumulative counts per upper bound ({@code le}, seconds; +Inf
 * last), summed over any other labels. Differences of two scrapes give the distribution between
 * them, and quantiles are interpolated linearly inside the bucket they fall in, as PromQL's
 * {@code histogram_quantile} does: exact to the bucket's width, not to the request.
 */
record Buckets(TreeMap<Double, Double> cumulative) {

    private static final Pattern BUCKET = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)_bucket\\{(.*)}\\s+(\\S+)");
    private static final Pattern LE = Pattern.compile("(?:^|,)le=\"([^\"]+)\"");

    static final Buckets EMPTY = new Buckets(new TreeMap<>());

    /** Every histogram of a scrape: family name (without _bucket) → its buckets. */
    static Map<String, Buckets> parse(String exposition) {
        Map<String, Buckets> out = new HashMap<>();
        for (String line : exposition.split("\n")) {
            Matcher m = BUCKET.matcher(line);
            if (!m.find()) {
                continue;
            }
            Matcher le = LE.matcher(m.group(2));
            if (!le.find()) {
                continue;
            }
            double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
            out.computeIfAbsent(m.group(1), k -> new Buckets(new TreeMap<>()))
                    .cumulative()
                    .merge(bound, Double.parseDouble(m.group(3)), Double::sum);
        }
        return out;
    }

    long count() {
        return cumulative.isEmpty() ? 0 : Math.round(cumulative.lastEntry().getValue());
    }

    /**
     * What was observed between {@code earlier} and this scrape of the same node. A counter that went
     * down means the node restarted in between: then everything this scrape holds is new.
     */
    Buckets since(Buckets earlier) {
        TreeMap<Double, Double> diff = new TreeMap<>();
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            double before = earlier.cumulative().getOrDefault(e.getKey(), 0.0);
            if (e.getValue() < before) {
                return this;
            }
            diff.put(e.getKey(), e.getValue() - before);
        }
        return new Buckets(diff);
    }

    Buckets plus(Buckets other) {
        TreeMap<Double, Double> sum = new TreeMap<>(cumulative);
        other.cumulative().forEach((le, n) -> sum.merge(le, n, Double::sum));
        return new Buckets(sum);
    }

    /** The q-quantile in milliseconds, or null with nothing observed; in the +Inf bucket, the highest finite bound. */
    Double quantileMs(double q) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        if (total <= 0) {
            return null;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return lowerBound * 1000;
                }
                double inBucket = e.getValue() - lowerCount;
                double fraction = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return (lowerBound + (e.getKey() - lowerBound) * fraction) * 1000;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerBound * 1000;
    }
}
