package org.examhall.proctor.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;

/**
 * How much of a camera's time the archive holds, read from the manifest: the segments' extent, and the gaps the
 * gateway admitted to. Fault tests assert on it: with the camera down for known intervals, everything else of the
 * test's wall-clock window should be archived.
 */
public final class ArchiveCoverage {

    private final List<Interval> segments;
    private final List<Gap> gaps;

    private ArchiveCoverage(List<Interval> segments, List<Gap> gaps) {
        this.segments = segments;
        this.gaps = gaps;
    }

    /** A half-open stretch of wall-clock time [from, to). */
    public record Interval(Instant from, Instant to) {

        public Interval {
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("interval ends before it starts: " + from + ".." + to);
            }
        }

        public Duration length() {
            return Duration.between(from, to);
        }
    }

    /** A {@code gap} line: time the gateway knows it did not archive, and why. */
    public record Gap(Instant from, Instant to, String reason) {}

    /** The camera's segments and gaps among {@code lines} (one or more days' manifests, in any order). */
    public static ArchiveCoverage of(List<ManifestLine> lines, String camera) {
        List<Interval> segments = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        for (ManifestLine line : lines) {
            if (!camera.equals(line.fields().path("camera").asText())) {
                continue;
            }
            switch (line.type()) {
                case "segment" -> segments.add(new Interval(instant(line, "start"), instant(line, "end")));
                case "gap" ->
                    gaps.add(new Gap(
                            instant(line, "from"),
                            instant(line, "to"),
                            line.fields().path("reason").asText()));
                default -> {}
            }
        }
        gaps.sort(Comparator.comparing(Gap::from));
        return new ArchiveCoverage(List.copyOf(segments), List.copyOf(gaps));
    }

    public static ArchiveCoverage read(String camera, List<Path> manifests) throws IOException {
        List<ManifestLine> lines = new ArrayList<>();
        for (Path manifest : manifests) {
            lines.addAll(ManifestReader.read(manifest));
        }
        return of(lines, camera);
    }

    private static Instant instant(ManifestLine line, String field) {
        return Instant.parse(line.fields().path(field).asText());
    }

    /** The segments' lengths added up; more than the union's if segments overlap, which they should not. */
    public double archivedSeconds() {
        return segments.stream().mapToLong(s -> s.length().toMillis()).sum() / 1000.0;
    }

    /** The time some segment covers, as sorted, disjoint intervals; segments that touch are joined. */
    public List<Interval> covered() {
        return union(segments);
    }

    public List<Gap> gaps() {
        return gaps;
    }

    /**
     * The share of [from, to) that is archived, not counting the {@code outages} (when the camera was known to be
     * down): 1.0 means every second that could have been recorded was.
     */
    public double coveredFraction(Instant from, Instant to, List<Interval> outages) {
        List<Interval> expected = subtract(List.of(new Interval(from, to)), union(outages));
        long expectedMillis = totalMillis(expected);
        if (expectedMillis == 0) {
            throw new IllegalArgumentException("the outages leave nothing of " + from + ".." + to + " to cover");
        }
        return (double) totalMillis(intersect(covered(), expected)) / expectedMillis;
    }

    static List<Interval> union(List<Interval> intervals) {
        List<Interval> sorted =
                intervals.stream().sorted(Comparator.comparing(Interval::from)).toList();
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !next.from().isAfter(last.to())) {
                merged.set(merged.size() - 1, new Interval(last.from(), max(last.to(), next.to())));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /** Both arguments sorted and disjoint. */
    static List<Interval> intersect(List<Interval> a, List<Interval> b) {
        List<Interval> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Instant from = max(a.get(i).from(), b.get(j).from());
            Instant to = min(a.get(i).to(), b.get(j).to());
            if (from.isBefore(to)) {
                result.add(new Interval(from, to));
            }
            if (a.get(i).to().isBefore(b.get(j).to())) {
                i++;
            } else {
                j++;
            }
        }
        return result;
    }

    /** Both arguments sorted and disjoint. */
    static List<Interval> subtract(List<Interval> from, List<Interval> cut) {
        List<Interval> result = new ArrayList<>();
        for (Interval piece : from) {
            Instant start = piece.from();
            for (Interval hole : cut) {
                if (!hole.to().isAfter(start) || !hole.from().isBefore(piece.to())) {
                    continue;
                }
                if (hole.from().isAfter(start)) {
                    result.add(new Interval(start, hole.from()));
                }
                start = max(start, hole.to());
            }
            if (start.isBefore(piece.to())) {
                result.add(new Interval(start, piece.to()));
            }
        }
        return result;
    }

    private static long totalMillis(List<Interval> intervals) {
        return intervals.stream().mapToLong(i -> i.length().toMillis()).sum();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
