package org.examhall.proctor.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.examhall.proctor.cli.ArchiveVerifier;
import org.examhall.proctor.cli.VerificationReport;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.TestArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveRecoveryTest {

    private static final Instant START = Instant.parse("2026-03-02T01:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @TempDir
    Path dir;

    @Test
    void segmentsACrashLeftBehindAreListedAsRecoveredNotDropped() throws Exception {
        Path recording = Clips.generate(dir.resolve("clip.ts"), 6, List.of());
        TestArchive archive = new TestArchive(dir.resolve("archive"), Clock.fixed(START, ZoneOffset.UTC));
        Clips.archive(archive, "room1", recording, START, Duration.ofSeconds(10));
        archive.close();
        // Simulate the crash: an open segment cut short mid-write, and one renamed but never listed.
        Path listed = archive.layout
                .dayDir("room1", DAY)
                .resolve(ManifestReader.read(archive.layout.manifestFile("room1", DAY)).stream()
                        .filter(l -> l.type().equals("segment"))
                        .findFirst()
                        .orElseThrow()
                        .fields()
                        .get("path")
                        .asText());
        byte[] bytes = Files.readAllBytes(listed);
        String partialKey = archive.layout.segmentKey("room1", START.plusSeconds(6), "cam1");
        Files.write(archive.store.stagingFile(partialKey), Arrays.copyOf(bytes, bytes.length / 2 + 77));
        String unlistedKey = archive.layout.segmentKey("room1", START.plusSeconds(20), "cam1");
        Files.write(archive.root.resolve(unlistedKey), bytes);

        TestArchive restarted = new TestArchive(archive.root, Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC));
        Map<String, Instant> lastEnd =
                new ArchiveRecovery(restarted.layout, restarted.store, restarted.manifests).recover("room1");
        restarted.close();

        List<ManifestLine> recovered = ManifestReader.read(restarted.layout.manifestFile("room1", DAY)).stream()
                .filter(l -> l.fields().path("recovered").asBoolean())
                .toList();
        assertThat(recovered).hasSize(2);
        assertThat(recovered)
                .extracting(l -> l.fields().get("detail").asText())
                .anySatisfy(
                        d -> assertThat(d).startsWith("left open by a crash").contains("playable for"))
                .anySatisfy(d -> assertThat(d).startsWith("archived before a crash but not yet listed"));
        assertThat(Files.exists(archive.root.resolve(partialKey))).isTrue();
        assertThat(lastEnd.get("cam1")).isAfter(START.plusSeconds(20));
        VerificationReport report =
                new ArchiveVerifier(restarted.layout, archive.keys.getPublic()).verify("room1", DAY, DAY);
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
    }
}
