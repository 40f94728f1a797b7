package org.examhall.proctor.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.examhall.proctor.archive.ArchiveIndex;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.Probe;
import org.examhall.proctor.testing.TestArchive;
import org.examhall.protocol.crypto.Sm3;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipExporterTest {

    private static final Instant START = Instant.parse("2026-03-02T01:00:00Z");

    @TempDir
    Path dir;

    private TestArchive archive;
    private ClipExporter exporter;

    @BeforeEach
    void archive() throws Exception {
        Path recording = Clips.generate(dir.resolve("clip.ts"), 12, List.of());
        archive = new TestArchive(dir.resolve("archive"), Clock.fixed(START, ZoneOffset.UTC));
        Clips.archive(archive, "room1", recording, START, Duration.ofSeconds(4));
        archive.close();
        exporter = new ClipExporter(new ArchiveIndex(archive.layout), archive.store, dir.resolve("clips"));
    }

    @Test
    void aClipAcrossSegmentBoundariesHasPictureSoundAndItsOwnSm3File() throws Exception {
        EvidenceClip clip = exporter.export("room1", "cam1", START.plusMillis(2500), START.plusMillis(9500));
        // Copying starts at the key frame before the requested start (one per second here).
        assertThat(clip.from()).isBetween(START.plusMillis(1500), START.plusMillis(2500));
        assertThat(clip.sourceSegments()).hasSizeGreaterThanOrEqualTo(2);
        Probe probe = Probe.of(clip.file());
        assertThat(probe.hasVideo()).isTrue();
        assertThat(probe.hasAudio()).isTrue();
        assertThat(probe.seconds()).isCloseTo(7.5, within(1.0));
        assertThat(Files.readString(clip.hashFile()))
                .isEqualTo(clip.sm3() + "  " + clip.file().getFileName() + "\n");
        assertThat(Sm3.hex(clip.file())).isEqualTo(clip.sm3());
    }

    @Test
    void footageThatFailsItsManifestHashIsNeverCutIntoEvidence() throws Exception {
        Path segment;
        try (var files = Files.walk(archive.root)) {
            segment = files.filter(p -> p.toString().endsWith(".ts"))
                    .sorted()
                    .toList()
                    .get(1);
        }
        byte[] bytes = Files.readAllBytes(segment);
        bytes[1000] ^= 0x10;
        Files.write(segment, bytes);
        assertThatThrownBy(() -> exporter.export("room1", "cam1", START, START.plusSeconds(11)))
                .isInstanceOf(ClipExportException.class)
                .hasMessageContaining("does not match its manifest hash");
    }

    @Test
    void aRangeWithoutRecordingIsAClearError() {
        assertThatThrownBy(() -> exporter.export("room1", "cam1", START.plusSeconds(3600), START.plusSeconds(3700)))
                .isInstanceOf(ClipExportException.class)
                .hasMessageContaining("nothing was recorded");
    }
}
