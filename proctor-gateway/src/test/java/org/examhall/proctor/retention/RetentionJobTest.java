package org.examhall.proctor.retention;

import org.examhall.proctor.cli.ArchiveVerifier;
import org.examhall.proctor.cli.VerificationReport;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.TestArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionJobTest {

    private static final Instant OLD = Instant.parse("2023-01-10T02:00:00Z");
    private static final LocalDate OLD_DAY = LocalDate.of(2023, 1, 10);

    @TempDir
    Path dir;

    @Test
    void expiredSegmentsGoExceptThoseUnderAHoldAndEachDeletionIsInTheSealedChain() throws Exception {
        Path recording = Clips.generate(dir.resolve("clip.ts"), 8, List.of());
        TestArchive archive = new TestArchive(dir.resolve("archive"), Clock.fixed(OLD.plusSeconds(7200), ZoneOffset.UTC));
        Clips.archive(archive, "room1", recording, OLD, Duration.ofSeconds(2));
        Clips.archive(archive, "room2", recording, OLD, Duration.ofSeconds(2));
        archive.close();

        HoldStore holds = new HoldStore(dir.resolve("holds.json"));
        // An appeal holds room1's footage from 2 s to 4 s into the recording.
        holds.add(new Hold("appeal-17", "room1", null, OLD.plusSeconds(2), OLD.plusSeconds(4), "appeal", Instant.now()));
        Instant now = OLD.plus(Duration.ofDays(1096 + 1));
        TestArchive later = new TestArchive(archive.root, Clock.fixed(now, ZoneOffset.UTC));
        RetentionJob job = new RetentionJob(later.layout, later.store, later.manifests, new HoldStore(dir.resolve("holds.json")),
                1096, Clock.fixed(now, ZoneOffset.UTC));
        int deleted = job.run(List.of("room1", "room2"));
        later.close();

        List<ManifestLine> room1 = ManifestReader.read(later.layout.manifestFile("room1", OLD_DAY));
        List<ManifestLine> room2 = ManifestReader.read(later.layout.manifestFile("room2", OLD_DAY));
        long segments1 = room1.stream().filter(l -> l.type().equals("segment")).count();
        long segments2 = room2.stream().filter(l -> l.type().equals("segment")).count();
        long kept = room1.stream().filter(l -> l.type().equals("segment")).filter(l -> {
            Instant start = Instant.parse(l.fields().get("start").asText());
            Instant end = Instant.parse(l.fields().get("end").asText());
            return end.isAfter(OLD.plusSeconds(2)) && start.isBefore(OLD.plusSeconds(4));
        }).count();
        assertThat(kept).isGreaterThanOrEqualTo(1);
        assertThat(deleted).isEqualTo(segments1 - kept + segments2);
        assertThat(room2).filteredOn(l -> l.type().equals("deletion")).hasSize((int) segments2);
        assertThat(room2.get(room2.size() - 1).type()).isEqualTo("seal");
        try (var files = Files.walk(later.layout.dayDir("room2", OLD_DAY))) {
            assertThat(files.filter(p -> p.toString().endsWith(".ts"))).isEmpty();
        }
        try (var files = Files.walk(later.layout.dayDir("room1", OLD_DAY))) {
            assertThat(files.filter(p -> p.toString().endsWith(".ts")).count()).isEqualTo(kept);
        }
        // Deleted by retention is not "missing": the archive still verifies.
        VerificationReport report = new ArchiveVerifier(later.layout, archive.keys.getPublic()).verify("room1", OLD_DAY, OLD_DAY);
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
    }

    @Test
    void nothingYoungerThanTheRetentionPeriodIsTouched() throws Exception {
        Path recording = Clips.generate(dir.resolve("clip.ts"), 4, List.of());
        TestArchive archive = new TestArchive(dir.resolve("archive"), Clock.fixed(OLD, ZoneOffset.UTC));
        Clips.archive(archive, "room1", recording, OLD, Duration.ofSeconds(2));
        archive.close();
        Instant now = OLD.plus(Duration.ofDays(1095));
        RetentionJob job = new RetentionJob(archive.layout, archive.store, archive.manifests, new HoldStore(dir.resolve("h.json")),
                1096, Clock.fixed(now, ZoneOffset.UTC));
        assertThat(job.run(List.of("room1"))).isZero();
    }
}
