package org.examhall.proctor.archive.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.examhall.proctor.archive.LocalSegmentStore;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.archive.UploadBacklog;
import org.examhall.proctor.config.ArchiveStoreSettings;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.DayIndex;
import org.examhall.proctor.manifest.ManifestLog;
import org.examhall.protocol.retry.Backoff;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/**
 * The archive in an S3 bucket. Segments are recorded and committed on local disk exactly as by
 * {@link LocalSegmentStore} (so live view, crash recovery and playback of the newest minutes never wait for
 * the network); a commit then queues the file for the {@link ArchiveUploader}, which deletes it locally only
 * once the bucket holds it with the same SM3. Manifests and day indexes stay local, where the gateway appends
 * to them, and are copied to the bucket whenever they are sealed ({@link #copySealed}). At start, whatever a
 * previous run left unsent is found on disk and queued again.
 *
 * <p>Reading a segment prefers its local file while it waits, and the bucket afterwards (a local copy for
 * FFmpeg is downloaded into a cache); manifests and day indexes are read from the bucket, which is what
 * {@code archive-verify} checks. With Object Lock, every object is sent with its mode and a retain-until date
 * of its recording (a manifest: its upload) plus the retention years, and a segment an incident holds with a
 * legal hold.
 */
public final class S3SegmentStore implements SegmentStore, UploadBacklog, AutoCloseable {

    /** Manifests and day indexes changed within this long before a start may not have been copied yet. */
    private static final Duration RECENT = Duration.ofDays(2);

    private static final Duration CACHE_KEPT = Duration.ofHours(1);

    /** Whether a segment (by its key) is held by an incident; asked when it is sent. */
    @FunctionalInterface
    public interface LegalHolds {
        LegalHolds NONE = key -> false;

        boolean held(String key);
    }

    private final ArchiveLayout layout;
    private final LocalSegmentStore staging;
    private final S3Bucket bucket;
    private final Path cache;
    private final ArchiveStoreSettings settings;
    private final LegalHolds holds;
    /** Null for a store that only reads (archive-verify), as is the clock. */
    private final ArchiveUploader uploads;

    private final Clock clock;

    private S3SegmentStore(
            ArchiveLayout layout,
            S3Bucket bucket,
            Path cache,
            ArchiveStoreSettings settings,
            LegalHolds holds,
            Backoff backoff,
            Clock clock) {
        this.layout = layout;
        this.staging = new LocalSegmentStore(layout.root());
        this.bucket = bucket;
        this.cache = cache;
        this.settings = settings;
        this.holds = holds;
        this.uploads =
                backoff == null ? null : new ArchiveUploader(layout.root(), bucket, this::keeping, backoff, clock);
        this.clock = clock;
    }

    /** The gateway's store: queues what an earlier run left unsent, and sends every commit. */
    public static S3SegmentStore start(
            ArchiveLayout layout,
            S3Bucket bucket,
            Path cache,
            ArchiveStoreSettings settings,
            LegalHolds holds,
            Backoff backoff,
            Clock clock)
            throws IOException {
        S3SegmentStore store = new S3SegmentStore(layout, bucket, cache, settings, holds, backoff, clock);
        store.resume(clock.instant());
        return store;
    }

    /** A store that only reads what the bucket holds (and segments still waiting on this disk): archive-verify. */
    public static S3SegmentStore reader(ArchiveLayout layout, S3Bucket bucket, Path cache) {
        return new S3SegmentStore(layout, bucket, cache, null, LegalHolds.NONE, null, null);
    }

    static boolean isSegment(String key) {
        return key.endsWith(ArchiveLayout.SEGMENT_SUFFIX);
    }

    /**
     * Queues the segments on disk (unsent, or an archive that was local until now), and the manifests and day
     * indexes that changed lately or sit beside such a segment.
     */
    private void resume(Instant now) throws IOException {
        if (!Files.isDirectory(layout.root())) {
            return;
        }
        record Found(String key, Instant modified) {}
        List<Found> unsent = new ArrayList<>();
        List<Path> chains = new ArrayList<>();
        Set<Path> besideSegments = new HashSet<>();
        try (Stream<Path> files = Files.walk(layout.root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (file.toAbsolutePath().startsWith(cache.toAbsolutePath())) {
                    continue;
                } else if (isSegment(name)) {
                    unsent.add(new Found(
                            layout.key(file), Files.getLastModifiedTime(file).toInstant()));
                    // site/room/day/HH/segment: its day folder and its room folder
                    besideSegments.add(file.getParent().getParent());
                    besideSegments.add(file.getParent().getParent().getParent());
                } else if (name.equals(ManifestLog.FILE_NAME) || name.equals(DayIndex.FILE_NAME)) {
                    chains.add(file);
                }
            }
        }
        for (Path chain : chains) {
            Instant modified = Files.getLastModifiedTime(chain).toInstant();
            if (modified.isAfter(now.minus(RECENT)) || besideSegments.contains(chain.getParent())) {
                unsent.add(new Found(layout.key(chain), modified));
            }
        }
        unsent.sort(Comparator.comparing(Found::modified));
        unsent.forEach(f -> uploads.enqueue(f.key(), f.modified()));
    }

    private S3Bucket.Keeping keeping(String key, Instant now) {
        boolean segment = isSegment(key);
        if (!settings.objectLock()) {
            return new S3Bucket.Keeping(null, null, false);
        }
        boolean held = segment && holds.held(key);
        Instant from = segment ? recordedAt(key).orElse(now) : now;
        return new S3Bucket.Keeping(ObjectLockMode.fromValue(settings.objectLockMode()), retainUntil(from), held);
    }

    private Instant retainUntil(Instant recorded) {
        return recorded.atOffset(ZoneOffset.UTC)
                .plusYears(settings.retentionYears())
                .toInstant();
    }

    private Optional<Instant> recordedAt(String key) {
        return layout.segmentStart(key.substring(key.lastIndexOf('/') + 1));
    }

    /** A manifest or day index was sealed: the bucket gets its new content. */
    public void copySealed(String key) {
        uploads.enqueue(key, clock.instant());
    }

    @Override
    public Path stagingFile(String key) throws IOException {
        return staging.stagingFile(key);
    }

    @Override
    public void commit(String key) throws IOException {
        staging.commit(key);
        uploads.enqueue(key, clock.instant());
    }

    private boolean local(String key) {
        return isSegment(key) && staging.exists(key);
    }

    @Override
    public boolean exists(String key) throws IOException {
        return local(key) || bucket.head(key).isPresent();
    }

    @Override
    public long size(String key) throws IOException {
        if (local(key)) {
            try {
                return staging.size(key);
            } catch (NoSuchFileException sentMeanwhile) {
                // Deleted once the bucket confirmed it: read on from there.
            }
        }
        return bucket.head(key).orElseThrow(() -> new NoSuchFileException(key)).bytes();
    }

    @Override
    public InputStream open(String key) throws IOException {
        if (local(key)) {
            try {
                return staging.open(key);
            } catch (NoSuchFileException sentMeanwhile) {
                // Deleted once the bucket confirmed it: read on from there.
            }
        }
        return bucket.get(key);
    }

    @Override
    public Path localCopy(String key) throws IOException {
        if (local(key)) {
            return staging.localCopy(key);
        }
        Path copy = cache.resolve(key).normalize();
        if (!copy.startsWith(cache.normalize())) {
            throw new IllegalArgumentException("key escapes the cache: " + key);
        }
        if (!Files.exists(copy)) {
            evictCache();
            Files.createDirectories(copy.getParent());
            Path partial = copy.resolveSibling(copy.getFileName() + ".download");
            try (InputStream in = bucket.get(key)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now()));
        return copy;
    }

    /** Downloads unused for an hour go: the cache serves a playback session, not the archive. */
    private void evictCache() throws IOException {
        if (!Files.isDirectory(cache)) {
            return;
        }
        Instant cutoff = Instant.now().minus(CACHE_KEPT);
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Override
    public void delete(String key) throws IOException {
        staging.delete(key);
        bucket.delete(key);
    }

    /** The bucket's keys with the segments still waiting here (and interrupted {@code .part} files). */
    @Override
    public List<String> list(String prefix) throws IOException {
        TreeSet<String> keys = new TreeSet<>(bucket.list(prefix));
        keys.addAll(listOnDisk(prefix));
        return List.copyOf(keys);
    }

    /** The segments waiting here and the interrupted {@code .part} files; works while the bucket is unreachable. */
    @Override
    public List<String> listOnDisk(String prefix) throws IOException {
        return staging.list(prefix).stream()
                .filter(key -> isSegment(key) || key.endsWith(".part"))
                .toList();
    }

    @Override
    public List<String> listStaging(String prefix) throws IOException {
        return staging.listStaging(prefix);
    }

    @Override
    public boolean holdsAny(String prefix) throws IOException {
        return !listOnDisk(prefix).isEmpty() || bucket.holdsAny(prefix);
    }

    @Override
    public boolean manifestsLag() {
        return true;
    }

    /** The bucket refuses to delete a locked object before its retain-until date; retention waits for it. */
    @Override
    public boolean deletable(String key, Instant now) {
        return !settings.objectLock()
                || recordedAt(key)
                        .map(this::retainUntil)
                        .map(until -> !until.isAfter(now))
                        .orElse(true);
    }

    /**
     * A segment still waiting is sent with the hold (the incident is asked then); one in the bucket gets it now.
     * Legal holds are part of Object Lock: a store without it is not asked (s3proxy, for one, would take the
     * request for an upload and overwrite the segment with it).
     */
    @Override
    public void legalHold(String key, boolean on) throws IOException {
        if (settings.objectLock() && !local(key)) {
            bucket.legalHold(key, on);
        }
    }

    @Override
    public Figures figures() {
        return uploads == null ? UploadBacklog.NONE.figures() : uploads.figures();
    }

    @Override
    public void close() {
        if (uploads != null) {
            uploads.close();
        }
        bucket.close();
    }
}
