package org.examhall.proctor.retention;

import org.examhall.proctor.archive.ArchiveIndex;
import org.examhall.proctor.archive.ArchiveLayout;
import org.examhall.proctor.archive.ArchivedSegment;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.manifest.ManifestBook;
import org.examhall.proctor.manifest.ManifestLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes segments whose retention has run out, and only those: a segment goes when it ended more than the
 * retention period ago and no incident hold covers it. Each deletion is appended to that day's manifest
 * (path and hash stay in the chain) and sealed, so a verifier can tell a deleted file from a missing one.
 * Manifests themselves are kept: they are small and are the record that the footage existed.
 */
public final class RetentionJob {

    private static final System.Logger LOG = System.getLogger(RetentionJob.class.getName());

    private final ArchiveLayout layout;
    private final ArchiveIndex index;
    private final SegmentStore store;
    private final ManifestBook manifests;
    private final HoldStore holds;
    private final Duration retention;
    private final Clock clock;

    public RetentionJob(ArchiveLayout layout, SegmentStore store, ManifestBook manifests, HoldStore holds,
                        int retentionDays, Clock clock) {
        this.layout = layout;
        this.index = new ArchiveIndex(layout);
        this.store = store;
        this.manifests = manifests;
        this.holds = holds;
        this.retention = Duration.ofDays(retentionDays);
        this.clock = clock;
    }

    /** @return how many segments were deleted */
    public int run(List<String> rooms) throws IOException {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        for (String room : rooms) {
            for (LocalDate day : days(room)) {
                if (day.isAfter(layout.day(cutoff))) {
                    break;
                }
                ManifestLog log = null;
                for (ArchivedSegment segment : index.day(room, day)) {
                    if (segment.end().isBefore(cutoff) && !holds.holds(room, segment.camera(), segment.start(), segment.end())) {
                        store.delete(index.key(segment));
                        log = manifests.log(room, day);
                        log.appendDeletion(segment.path(), segment.sm3(), "retention: ended more than "
                                + retention.toDays() + " days ago");
                        deleted++;
                    }
                }
                if (log != null) {
                    // The day is long closed: sign the deletions now rather than at the next hour.
                    log.seal();
                }
            }
        }
        if (deleted > 0) {
            LOG.log(System.Logger.Level.INFO, "retention deleted " + deleted + " expired segments");
        }
        return deleted;
    }

    private List<LocalDate> days(String room) throws IOException {
        Path dir = layout.roomDir(room);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> days = Files.list(dir)) {
            return days.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{4}-\\d{2}-\\d{2}"))
                    .map(LocalDate::parse).sorted().toList();
        }
    }
}
