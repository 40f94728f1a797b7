package org.examhall.proctor.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.examhall.proctor.cli.ArchiveVerifier;
import org.examhall.proctor.cli.VerificationReport;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.TestArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionJobTest {

    private static final Instant OLD = Instant.parse("2023-01-10T02:00:00Z");
    private static final LocalDate OLD_DAY = LocalDate.of(2023, 1, 10);

    @TempDir
    Path dir;

    @Test
    void expiredSegmentsGoExceptThoseUnderAHoldAndADayLeftEmptyIsRecordedAsDeleted() throws Exception {
        Path recording = Clips.generate(dir.resolve("clip.ts"), 8, List.of());
        TestArchive archive =
                new TestArchive(dir.resolve("archive"), Clock.fixed(OLD.plusSeconds(7200), ZoneOffset.UTC));
        Clips.archive(archive, "room1", recording, OLD, Duration.ofSeconds(2));
        Clips.archive(archive, "room2", recording, OLD, Duration.ofSeconds(2));
        archive.close();

        long segments2 = ManifestReader.read(archive.layout.manifestFile("room2", OLD_DAY)).stream()
                .filter(l -> l.type().equals("segment"))
                .count();
        HoldStore holds = new HoldStore(dir.resolve("holds.json"));
        // An appeal holds room1's footage from 2 s to 4 s into the recording.
        holds.add(
                new Hold("appeal-17", "room1", null, OLD.plusSeconds(2), OLD.plusSeconds(4), "appeal", Instant.now()));
        Instant now = OLD.plus(Duration.ofDays(1096 + 1));
        TestArchive later = new TestArchive(archive.root, Clock.fixed(now, ZoneOffset.UTC));
        RetentionJob job = new RetentionJob(
                later.layout,
                later.store,
                later.manifests,
                new HoldStore(dir.resolve("holds.json")),
                1096,
                Clock.fixed(now, ZoneOffset.UTC));
        int deleted = job.run(List.of("room1", "room2"));
        later.close();

        List<ManifestLine> room1 = ManifestReader.read(later.layout.manifestFile("room1", OLD_DAY));
        long segments1 = room1.stream().filter(l -> l.type().equals("segment")).count();
        long kept = room1.stream()
                .filter(l -> l.type().equals("segment"))
                .filter(l -> {
                    Instant start = Instant.parse(l.fields().get("start").asText());
                    Instant end = Instant.parse(l.fields().get("end").asText());
                    return end.isAfter(OLD.plusSeconds(2)) && start.isBefore(OLD.plusSeconds(4));
                })
                .count();
        assertThat(kept).isGreaterThanOrEqualTo(1);
        assertThat(deleted).isEqualTo(segments1 - kept + segments2);
        assertThat(room1).filteredOn(l -> l.type().equals("deletion")).hasSize((int) (segments1 - kept));
        assertThat(room1.get(room1.size() - 1).type()).isEqualTo("seal");
        try (var files = Files.walk(later.layout.dayDir("room1", OLD_DAY))) {
            assertThat(files.filter(p -> p.toString().endsWith(".ts")).count()).isEqualTo(kept);
        }
        // Room 2 kept nothing: the whole day went, and the day index says so, with the manifest's last entry.
        assertThat(later.layout.dayDir("room2", OLD_DAY)).doesNotExist();
        List<ManifestLine> index2 = ManifestReader.read(later.layout.dayIndexFile("room2"));
        ManifestLine retired = index2.stream()
                .filter(l -> l.type().equals("deleted"))
                .findFirst()
                .orElseThrow();
        assertThat(retired.fields().get("day").asText()).isEqualTo(OLD_DAY.toString());
        assertThat(index2.get(index2.size() - 1).type()).isEqualTo("seal");

        // Deleted by retention is not "missing": both rooms still verify.
        ArchiveVerifier verifier = new ArchiveVerifier(later.layout, archive.keys.getPublic());
        VerificationReport report1 = verifier.verify("room1", OLD_DAY, OLD_DAY);
        assertThat(report1.ok()).as(report1.problems().toString()).isTrue();
        VerificationReport report2 = verifier.verify("room2", OLD_DAY.minusDays(1), OLD_DAY.plusDays(1));
        assertThat(report2.ok()).as(report2.problems().toString()).isTrue();
        assertThat(report2.notes())
                .extracting(VerificationReport.Finding::kind)
                .contains(VerificationReport.Kind.DELETED);
    }

    @Test
    void nothingYoungerThanTheRetentionPeriodIsTouched() throws Exception {
        Path recording = Clips.generate(dir.resolve("clip.ts"), 4, List.of());
        TestArchive archive = new TestArchive(dir.resolve("archive"), Clock.fixed(OLD, ZoneOffset.UTC));
        Clips.archive(archive, "room1", recording, OLD, Duration.ofSeconds(2));
        archive.close();
        Instant now = OLD.plus(Duration.ofDays(1095));
        RetentionJob job = new RetentionJob(
                archive.layout,
                archive.store,
                archive.manifests,
                new HoldStore(dir.resolve("h.json")),
                1096,
                Clock.fixed(now, ZoneOffset.UTC));
        assertThat(job.run(List.of("room1"))).isZero();
    }
}
