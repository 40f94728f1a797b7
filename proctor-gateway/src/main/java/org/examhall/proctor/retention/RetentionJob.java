package org.examhall.proctor.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.examhall.proctor.archive.ArchiveIndex;
import org.examhall.proctor.archive.ArchivedSegment;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.log.LogEvent;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.ManifestBook;
import org.examhall.proctor.manifest.ManifestLog;

/**
 * Deletes segments whose retention has run out, and only those: a segment goes when it ended more than the
 * retention period ago and no incident hold covers it. Each deletion is appended to that day's manifest
 * (path and hash stay in the chain) and sealed, so a verifier can tell a deleted file from a missing one.
 * A day left with no footage once it is wholly past the cutoff is retired: the room's day index records
 * its manifest's last entry as deleted, then the manifest and the day's empty folders go. Files the
 * manifest never listed are left where they are, for the verifier to report. A segment its store still
 * locks (S3 Object Lock, retained from its recording) waits until the store would let it go.
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

    public RetentionJob(
            ArchiveLayout layout,
            SegmentStore store,
            ManifestBook manifests,
            HoldStore holds,
            int retentionDays,
            Clock clock) {
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
        LocalDate cutoffDay = layout.day(cutoff);
        int deleted = 0;
        for (String room : rooms) {
            for (LocalDate day : layout.days(room)) {
                if (day.isAfter(cutoffDay)) {
                    break;
                }
                ManifestLog log = null;
                int kept = 0;
                for (ArchivedSegment segment : index.day(room, day)) {
                    String key = index.key(segment);
                    if (segment.end().isBefore(cutoff)
                            && !holds.holds(room, segment.camera(), segment.start(), segment.end())
                            && store.deletable(key, clock.instant())) {
                        store.delete(key);
                        log = manifests.log(room, day);
                        log.appendDeletion(
                                segment.path(),
                                segment.sm3(),
                                "retention: ended more than " + retention.toDays() + " days ago");
                        deleted++;
                    } else {
                        kept++;
                    }
                }
                if (kept == 0 && day.isBefore(cutoffDay) && Files.exists(layout.manifestFile(room, day))) {
                    manifests.retireDay(room, day, "retention: no footage left " + retention.toDays() + " days on");
                    removeDayFolder(room, day);
                } else if (log != null) {
                    // The day is long closed: sign the deletions now rather than at the next hour.
                    log.seal();
                }
            }
        }
        if (deleted > 0) {
            LogEvent.of("retention_deleted").with("segments", deleted).log(LOG, System.Logger.Level.INFO);
        }
        return deleted;
    }

    private void removeDayFolder(String room, LocalDate day) throws IOException {
        Files.delete(layout.manifestFile(room, day));
        List<Path> deepestFirst;
        try (Stream<Path> paths = Files.walk(layout.dayDir(room, day))) {
            deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            if (Files.isDirectory(path) && isEmpty(path)) {
                Files.delete(path);
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }
}
