package org.examhall.proctor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_ALAW;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.examhall.proctor.archive.SegmentProbe;
import org.examhall.proctor.demo.SceneEncoder;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.Probe;
import org.examhall.proctor.testing.TestArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioTranscodeTest {

    private static final Instant START = Instant.parse("2026-03-02T01:00:00Z");

    @TempDir
    Path dir;

    @Test
    void g711AudioFromACameraIsArchivedAsAacWhileTheVideoIsCopied() throws Exception {
        // Many IP cameras send G.711 A-law at 8 kHz, which MPEG-TS cannot carry.
        Path recording = Clips.generate(
                dir.resolve("g711.mkv"),
                6,
                List.of(),
                new SceneEncoder.Settings(320, 240, 10, 300_000, 8_000, AV_CODEC_ID_PCM_ALAW, "matroska"));
        assertThat(Probe.of(recording).audioCodec()).isEqualTo("pcm_alaw");
        try (TestArchive archive = new TestArchive(dir.resolve("archive"), Clock.fixed(START, ZoneOffset.UTC))) {
            Clips.archive(archive, "room1", recording, START, Duration.ofSeconds(3));
            List<ManifestLine> segments =
                    ManifestReader.read(archive.layout.manifestFile("room1", LocalDate.of(2026, 3, 2))).stream()
                            .filter(l -> l.type().equals("segment"))
                            .toList();
            assertThat(segments).hasSize(2);
            for (ManifestLine segment : segments) {
                Probe probe = Probe.of(archive.layout
                        .dayDir("room1", LocalDate.of(2026, 3, 2))
                        .resolve(segment.fields().get("path").asText()));
                assertThat(probe.audioCodec()).isEqualTo("aac");
                assertThat(probe.videoCodec()).isEqualTo("h264");
                // JavaCV writes this generated G.711 in 2 s packets (cameras send 20–40 ms ones), so only the video
                // span is exact.
                Path file = archive.layout
                        .dayDir("room1", LocalDate.of(2026, 3, 2))
                        .resolve(segment.fields().get("path").asText());
                assertThat(SegmentProbe.videoSpan(file.toString()).toMillis() / 1000.0)
                        .isCloseTo(3.0, within(0.2));
            }
        }
    }
}
