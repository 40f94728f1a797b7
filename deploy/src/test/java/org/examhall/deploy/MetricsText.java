package org.examhall.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape in Prometheus' text format: its samples by name and labels, and the type of each family. */
final class MetricsText {

    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> types = new HashMap<>();

    private MetricsText() {}

    static MetricsText parse(String text) {
        MetricsText metrics = new MetricsText();
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (type.find()) {
                metrics.types.put(type.group(1), type.group(2));
            } else if (!line.startsWith("#") && sample.find()) {
                Map<String, String> labels = new HashMap<>();
                if (sample.group(3) != null) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                metrics.samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
            }
        }
        return metrics;
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    boolean has(String name, String label, String value) {
        return samples.stream()
                .anyMatch(s -> s.name().equals(name) && value.equals(s.labels().get(label)));
    }

    /** The value of the first sample of {@code name} whose {@code label} is {@code value}; NaN when none is. */
    double value(String name, String label, String value) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && value.equals(s.labels().get(label)))
                .mapToDouble(Sample::value)
                .findFirst()
                .orElse(Double.NaN);
    }

    /** The family's type from its {@code # TYPE} line, or null. */
    String type(String family) {
        return types.get(family);
    }
}
