package org.examhall.proctor.archive.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.examhall.proctor.config.ArchiveStoreSettings;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.retention.HoldStore;
import org.examhall.proctor.retention.RetentionJob;
import org.examhall.proctor.testing.Await;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.S3ProxyServer;
import org.examhall.proctor.testing.TestArchive;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.protocol.retry.Backoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive recorded on local disk, then given an S3 store: the store moves it to the bucket at start, and
 * retention deletes a segment there only once the retain-until date the store locked it with has passed.
 */
class S3RetentionTest {

    private static final String BUCKET = "examhall-archive";
    private static final Instant OLD = Instant.parse("2026-03-02T01:00:00Z");
    private static final LocalDate OLD_DAY = LocalDate.of(2026, 3, 2);

    @TempDir
    Path dir;

    private S3ProxyServer s3;
    private TestArchive archive;
    private List<ManifestLine> segments;

    @BeforeEach
    void recordLocally() throws Exception {
        s3 = S3ProxyServer.start(dir.resolve("s3proxy"), BUCKET);
        Files.writeString(dir.resolve("access-key"), S3ProxyServer.ACCESS_KEY);
        Files.writeString(dir.resolve("secret-key"), S3ProxyServer.SECRET_KEY);
        Path recording = Clips.generate(dir.resolve("clip.ts"), 6, List.of());
        archive = new TestArchive(dir.resolve("archive"), Clock.fixed(OLD.plusSeconds(7200), ZoneOffset.UTC));
        Clips.archive(archive, "room1", recording, OLD, Duration.ofSeconds(2));
        archive.close();
        segments = ManifestReader.read(archive.layout.manifestFile("room1", OLD_DAY)).stream()
                .filter(l -> l.type().equals("segment"))
                .toList();
        // Written long ago: sent because segments beside it are, not because it changed lately.
        Files.setLastModifiedTime(archive.layout.manifestFile("room1", OLD_DAY), FileTime.from(OLD));
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
    }

    @Test
    void aLocalArchiveIsMovedToTheBucketAndRetentionDeletesWhatTheLockNoLongerKeeps() throws Exception {
        try (S3SegmentStore store = movedToBucket(3)) {
            assertThat(localSegments()).isEmpty();
            String manifest = archive.layout.manifestKey("room1", OLD_DAY);
            try (var in = store.open(manifest)) {
                assertThat(Sm3.hex(in)).isEqualTo(Sm3.hex(archive.layout.manifestFile("room1", OLD_DAY)));
            }

            // Three calendar years and a day after the recording: past the lock, past 1096 days of retention.
            int deleted = retention(store, OLD.plus(Duration.ofDays(1097)));
            assertThat(deleted).isEqualTo(segments.size());
            for (ManifestLine segment : segments) {
                assertThat(store.exists(key(segment))).isFalse();
            }
        }
    }

    @Test
    void retentionLeavesASegmentTheStoreStillLocks() throws Exception {
        try (S3SegmentStore store = movedToBucket(4)) {
            ManifestLine first = segments.get(0);
            assertThat(store.deletable(key(first), OLD.plus(Duration.ofDays(1097))))
                    .isFalse();
            assertThat(store.deletable(
                            key(first),
                            OLD.atOffset(ZoneOffset.UTC).plusYears(4).toInstant()))
                    .isTrue();

            assertThat(retention(store, OLD.plus(Duration.ofDays(1097)))).isZero();
            for (ManifestLine segment : segments) {
                assertThat(store.exists(key(segment))).isTrue();
            }
            assertThat(ManifestReader.read(archive.layout.manifestFile("room1", OLD_DAY)))
                    .noneMatch(l -> l.type().equals("deletion"));
        }
    }

    private S3SegmentStore movedToBucket(int retentionYears) throws Exception {
        ArchiveStoreSettings settings = new ArchiveStoreSettings(
                "s3",
                s3.endpoint(),
                null,
                BUCKET,
                "county-01",
                dir.resolve("access-key"),
                dir.resolve("secret-key"),
                retentionYears,
                "COMPLIANCE");
        S3SegmentStore store = S3SegmentStore.start(
                archive.layout,
                new S3Bucket(settings),
                dir.resolve("cache"),
                settings,
                S3SegmentStore.LegalHolds.NONE,
                Backoff.doubling(100, 1000),
                Clock.systemUTC());
        Await.until(Duration.ofSeconds(30), () -> store.figures().segments() == 0);
        return store;
    }

    private int retention(S3SegmentStore store, Instant now) throws Exception {
        try (TestArchive later = new TestArchive(archive.root, Clock.fixed(now, ZoneOffset.UTC))) {
            return new RetentionJob(
                            later.layout,
                            store,
                            later.manifests,
                            new HoldStore(dir.resolve("holds.json")),
                            1096,
                            Clock.fixed(now, ZoneOffset.UTC))
                    .run(List.of("room1"));
        }
    }

    private String key(ManifestLine segment) {
        return archive.layout.segmentKey(
                "room1", OLD_DAY, segment.fields().get("path").asText());
    }

    private List<Path> localSegments() throws Exception {
        try (Stream<Path> files = Files.walk(archive.root)) {
            return files.filter(f -> f.toString().endsWith(".ts")).toList();
        }
    }
}
