package org.examhall.proctor.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;

/** Finds archived segments by room, camera and time, from the manifests (the archive's own index). */
public final class ArchiveIndex {

    /**
     * More than any request may ask for (a playlist covers at most hours): the search reads a manifest per
     * day, so a longer span is a caller's mistake that would keep a worker reading for as long as it is absurd.
     */
    static final Duration MAX_SPAN = Duration.ofDays(2);

    private final ArchiveLayout layout;

    public ArchiveIndex(ArchiveLayout layout) {
        this.layout = layout;
    }

    /** Every live (not deleted) segment of the day, in start order. */
    public List<ArchivedSegment> day(String room, LocalDate day) throws IOException {
        List<ManifestLine> lines = ManifestReader.read(layout.manifestFile(room, day));
        Set<String> deleted = new HashSet<>();
        for (ManifestLine line : lines) {
            if ("deletion".equals(line.type())) {
                deleted.add(line.fields().get("path").asText());
            }
        }
        List<ArchivedSegment> segments = new ArrayList<>();
        for (ManifestLine line : lines) {
            ObjectNode f = line.fields();
            if ("segment".equals(line.type()) && !deleted.contains(f.get("path").asText())) {
                segments.add(new ArchivedSegment(
                        room,
                        f.get("camera").asText(),
                        day,
                        f.get("path").asText(),
                        Instant.parse(f.get("start").asText()),
                        Instant.parse(f.get("end").asText()),
                        f.get("bytes").asLong(),
                        f.get("sm3").asText()));
            }
        }
        segments.sort(Comparator.comparing(ArchivedSegment::start));
        return segments;
    }

    /** The camera's segments that overlap [from, to), in start order. */
    public List<ArchivedSegment> range(String room, String camera, Instant from, Instant to) throws IOException {
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new IllegalArgumentException("range " + from + " to " + to + " is longer than " + MAX_SPAN);
        }
        List<ArchivedSegment> result = new ArrayList<>();
        // A segment starting just before midnight is filed under the previous day.
        for (LocalDate day = layout.day(from).minusDays(1); !day.isAfter(layout.day(to)); day = day.plusDays(1)) {
            for (ArchivedSegment s : day(room, day)) {
                if (s.camera().equals(camera) && s.overlaps(from, to)) {
                    result.add(s);
                }
            }
        }
        return result;
    }

    /** When the segment with this file name started, if it is a segment's name. */
    public Optional<Instant> segmentStart(String fileName) {
        return layout.segmentStart(fileName);
    }

    public String key(ArchivedSegment segment) {
        return layout.segmentKey(segment.room(), segment.day(), segment.path());
    }
}
