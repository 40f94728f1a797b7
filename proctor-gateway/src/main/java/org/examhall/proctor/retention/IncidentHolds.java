package org.examhall.proctor.retention;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.examhall.proctor.archive.ArchiveIndex;
import org.examhall.proctor.archive.ArchivedSegment;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.manifest.ArchiveLayout;

/**
 * The incident holds as the segment store sees them: whether a segment (by its key) is covered, asked when it
 * is sent to an object store, and the store's own legal hold set on the segments already archived when a hold
 * is placed, or cleared when it is lifted (unless another hold still covers the segment).
 */
public final class IncidentHolds {

    private final ArchiveLayout layout;
    private final HoldStore holds;
    /** A segment's end is not in its key; it runs past its nominal length to a key frame, never this far. */
    private final Duration longestSegment;

    public IncidentHolds(ArchiveLayout layout, HoldStore holds, Duration longestSegment) {
        this.layout = layout;
        this.holds = holds;
        this.longestSegment = longestSegment;
    }

    /** Whether a hold covers the segment filed under {@code key} ({@code site/room/day/HH/camera_stamp.ts}). */
    public boolean covers(String key) {
        String[] parts = key.split("/");
        String name = parts[parts.length - 1];
        Optional<Instant> start = layout.segmentStart(name);
        if (parts.length < 5 || start.isEmpty()) {
            return false;
        }
        String camera = name.substring(0, name.lastIndexOf('_'));
        return holds.holds(parts[1], camera, start.get(), start.get().plus(longestSegment));
    }

    /** @return how many archived segments the store's legal hold was set on (or cleared from) */
    public int apply(Hold hold, boolean placed, ArchiveIndex index, SegmentStore store) throws IOException {
        int changed = 0;
        LocalDate last = layout.day(hold.to());
        for (LocalDate day = layout.day(hold.from()).minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (ArchivedSegment s : index.day(hold.room(), day)) {
                boolean covered = hold.covers(s.room(), s.camera(), s.start(), s.end());
                if (covered && (placed || !holds.holds(s.room(), s.camera(), s.start(), s.end()))) {
                    store.legalHold(index.key(s), placed);
                    changed++;
                }
            }
        }
        return changed;
    }
}
