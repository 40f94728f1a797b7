package org.examhall.proctor.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.examhall.proctor.archive.ArchiveRecovery;
import org.examhall.proctor.cli.ArchiveVerifier;
import org.examhall.proctor.cli.VerificationReport;
import org.examhall.proctor.testing.TestArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The room's day index survives crashes, and an archive that predates it is brought under it at start. */
class DayIndexTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final Instant TEN =
            DAY.atTime(10, 0).atZone(TestArchive.ZONE).toInstant();

    @TempDir
    Path dir;

    private TestArchive archiveWithOneDay() {
        TestArchive archive = new TestArchive(dir, Clock.fixed(TEN, ZoneOffset.UTC));
        archive.manifests.recordGap(
                "room1", "cam1", TEN.minusSeconds(120), TEN.minusSeconds(60), "camera offline: test");
        archive.close();
        return archive;
    }

    /** The gateway starting again a minute later: recovery runs first. */
    private TestArchive restart() throws Exception {
        TestArchive restarted = new TestArchive(dir, Clock.fixed(TEN.plusSeconds(60), ZoneOffset.UTC));
        new ArchiveRecovery(restarted.layout, restarted.store, restarted.manifests).recover("room1");
        restarted.close();
        return restarted;
    }

    @Test
    void aLineTornByACrashIsCutOffRecordedAndSealed() throws Exception {
        TestArchive archive = archiveWithOneDay();
        Path index = archive.layout.dayIndexFile("room1");
        Files.writeString(index, "{\"seq\":9,\"type\":\"checkp", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        TestArchive restarted = restart();

        List<ManifestLine> lines = ManifestReader.read(index);
        assertThat(lines)
                .extracting(ManifestLine::type)
                .containsExactly("opened", "seal", "checkpoint", "seal", "recovery", "seal");
        assertThat(lines.get(4).fields().get("tornBytes").asInt()).isEqualTo(23);
        VerificationReport report =
                new ArchiveVerifier(restarted.layout, archive.keys.getPublic()).verify("room1", DAY, DAY);
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
    }

    @Test
    void anEntryACrashLeftUnsealedIsSealedWhenTheIndexReopens() throws Exception {
        TestArchive archive = archiveWithOneDay();
        Path index = archive.layout.dayIndexFile("room1");
        List<String> lines = Files.readAllLines(index);
        Files.write(index, lines.subList(0, lines.size() - 1));
        assertThat(new ArchiveVerifier(archive.layout, archive.keys.getPublic())
                        .verify("room1", DAY, DAY)
                        .notes())
                .extracting(VerificationReport.Finding::kind)
                .contains(VerificationReport.Kind.UNSEALED);

        TestArchive restarted = restart();
        assertThat(ManifestReader.read(index)).extracting(ManifestLine::type).endsWith("checkpoint", "seal");
        VerificationReport report =
                new ArchiveVerifier(restarted.layout, archive.keys.getPublic()).verify("room1", DAY, DAY);
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.notes())
                .as("nothing but the absent witness")
                .extracting(VerificationReport.Finding::kind)
                .containsOnly(VerificationReport.Kind.UNWITNESSED);
    }

    @Test
    void aCrashBetweenListingADayAndLinkingItsManifestIsFinishedAtStart() throws Exception {
        TestArchive archive = new TestArchive(dir, Clock.fixed(TEN, ZoneOffset.UTC));
        // The day was listed in the index, and the manifest created, but the gateway died before linking them.
        try (DayIndex index = new DayIndex(
                        archive.layout.dayIndexFile("room1"),
                        "site1",
                        "room1",
                        archive.keys.getPrivate(),
                        Clock.fixed(TEN, ZoneOffset.UTC),
                        head -> {});
                ManifestLog manifest = new ManifestLog(
                        archive.layout.manifestFile("room1", DAY),
                        "site1",
                        "room1",
                        DAY,
                        TestArchive.ZONE,
                        archive.keys.getPrivate(),
                        Clock.fixed(TEN, ZoneOffset.UTC),
                        ManifestLog.SealListener.NONE)) {
            index.opened(DAY, null);
            manifest.appendGap("cam1", TEN.minusSeconds(60), TEN, "camera offline: test");
        }
        archive.close();

        TestArchive restarted = restart();
        assertThat(ManifestReader.read(restarted.layout.dayIndexFile("room1")))
                .filteredOn(l -> l.type().equals("opened"))
                .as("listed once, not again")
                .hasSize(1);
        assertThat(ManifestReader.read(restarted.layout.manifestFile("room1", DAY)))
                .extracting(ManifestLine::type)
                .contains("indexed");
        VerificationReport report =
                new ArchiveVerifier(restarted.layout, archive.keys.getPublic()).verify("room1", DAY, DAY);
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
    }

    @Test
    void daysRecordedBeforeTheIndexExistedAreListedAtStart() throws Exception {
        TestArchive archive = new TestArchive(dir, Clock.fixed(TEN, ZoneOffset.UTC));
        // Two days written the way a gateway without day indexes wrote them.
        for (LocalDate day : List.of(DAY.minusDays(30), DAY.minusDays(29))) {
            Instant at = day.atTime(10, 0).atZone(TestArchive.ZONE).toInstant();
            try (ManifestLog old = new ManifestLog(
                    archive.layout.manifestFile("room1", day),
                    "site1",
                    "room1",
                    day,
                    TestArchive.ZONE,
                    archive.keys.getPrivate(),
                    Clock.fixed(at, ZoneOffset.UTC),
                    ManifestLog.SealListener.NONE)) {
                old.appendGap("cam1", at.minusSeconds(60), at, "camera offline: test");
            }
        }
        ArchiveVerifier verifier = new ArchiveVerifier(archive.layout, archive.keys.getPublic());
        assertThat(verifier.verify("room1", DAY.minusDays(30), DAY).problems().toString())
                .contains("day index is gone");

        new ArchiveRecovery(archive.layout, archive.store, archive.manifests).recover("room1");
        archive.close();
        VerificationReport report = verifier.verify("room1", DAY.minusDays(30), DAY);
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(ManifestReader.read(archive.layout.dayIndexFile("room1")))
                .filteredOn(l -> l.type().equals("opened"))
                .hasSize(2);
    }
}
