package org.examhall.proctor.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.cli.ArchiveVerifier;
import org.examhall.proctor.detect.Anomaly;
import org.examhall.proctor.detect.AnomalyEmitter;
import org.examhall.proctor.detect.AnomalyType;
import org.examhall.proctor.detect.ArchiveFailingReporter;
import org.examhall.proctor.detect.ClipLinks;
import org.examhall.proctor.ingest.MediaTime;
import org.examhall.proctor.ingest.PacketSource;
import org.examhall.proctor.live.CameraStatus;
import org.examhall.proctor.log.CameraRef;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.Probe;
import org.examhall.proctor.testing.TestArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One packet the muxer refuses (here a DTS that goes back, FFmpeg's "Invalid argument", what a B-frame stream from
 * VLC caused before timestamps were sanitized) must cost the archive seconds, not the rest of the connection: the
 * open segment is kept and listed as interrupted, the time until the next key frame is a gap with its reason, a new
 * segment starts at that key frame, and ARCHIVE_FAILING is raised for the proctors and shown in the room status
 * until the archive writes again.
 */
class ArchiveWriteFailureTest {

    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aRefusedPacketCostsTheArchiveOnlyTheTimeToTheNextKeyFrame() throws Exception {
        Path clip = Clips.generate(dir.resolve("clip.ts"), 12, List.of());
        List<Anomaly> anomalies = new ArrayList<>();
        CameraStatus status = new CameraStatus();
        try (TestArchive archive = new TestArchive(dir.resolve("archive"))) {
            AnomalyEmitter emitter =
                    new AnomalyEmitter("site1", "room1", "cam1", anomalies::add, new ClipLinks("http://gw"));
            SegmentRecorder recorder = new SegmentRecorder(
                    new CameraRef("site1", "room1", "cam1"),
                    archive.layout,
                    archive.store,
                    archive.manifests,
                    Duration.ofSeconds(4),
                    ArchiveHealth.all(List.of(new ArchiveFailingReporter(emitter), status)));
            Instant refusedAt = null;
            Instant resumedAt = null;
            boolean failingSeen = false;
            try (PacketSource source = PacketSource.openFile(clip.toString())) {
                AVPacket packet = av_packet_alloc();
                long first = Long.MIN_VALUE;
                long lastVideoDts = 0;
                try {
                    while (source.read(packet)) {
                        int index = packet.stream_index();
                        long micros =
                                MediaTime.micros(packet.dts(), source.layout().timeBase(index));
                        if (first == Long.MIN_VALUE) {
                            first = micros;
                            recorder.start(source.layout(), T0);
                        }
                        Instant at = T0.plusNanos((micros - first) * 1000);
                        boolean video = source.layout().isVideo(index);
                        if (video
                                && refusedAt == null
                                && at.isAfter(T0.plusMillis(5500))
                                && !PacketSource.isKeyFrame(packet)) {
                            refusedAt = at;
                            packet.dts(lastVideoDts - 3000);
                            packet.pts(lastVideoDts - 3000);
                        } else if (video && refusedAt != null && resumedAt == null && PacketSource.isKeyFrame(packet)) {
                            failingSeen = status.archive("cam1").failing();
                            resumedAt = at;
                        }
                        if (video) {
                            lastVideoDts = packet.dts();
                        }
                        recorder.accept(packet, at);
                        av_packet_unref(packet);
                    }
                } finally {
                    av_packet_free(packet);
                }
                recorder.stop(T0.plusSeconds(12));
            }
            assertThat(refusedAt).isNotNull();
            assertThat(resumedAt)
                    .as("a key frame came after the refused packet")
                    .isNotNull();
            assertThat(failingSeen)
                    .as("the room status said ARCHIVE_FAILING until the archive wrote again")
                    .isTrue();
            assertThat(status.archive("cam1").failing()).isFalse();
            assertThat(status.archive("cam1").failures()).isEqualTo(1);

            List<ManifestLine> lines =
                    ManifestReader.read(archive.layout.manifestFile("room1", archive.layout.day(T0)));
            List<ManifestLine> segments =
                    lines.stream().filter(l -> l.type().equals("segment")).toList();
            List<ManifestLine> interrupted = segments.stream()
                    .filter(l -> l.fields().path("interrupted").asBoolean())
                    .toList();
            assertThat(interrupted).as("the segment open at the failure, kept").hasSize(1);
            assertThat(interrupted.get(0).fields().get("detail").asText())
                    .contains("write packet")
                    .contains("Invalid argument");
            // It ends with the last packet written, audio interleaved a little ahead of the refused frame included.
            assertThat(Duration.between(
                                    refusedAt,
                                    Instant.parse(interrupted
                                            .get(0)
                                            .fields()
                                            .get("end")
                                            .asText()))
                            .abs())
                    .isLessThan(Duration.ofMillis(500));

            List<ManifestLine> gaps =
                    lines.stream().filter(l -> l.type().equals("gap")).toList();
            assertThat(gaps).hasSize(1);
            Instant gapFrom = Instant.parse(gaps.get(0).fields().get("from").asText());
            Instant gapTo = Instant.parse(gaps.get(0).fields().get("to").asText());
            assertThat(gapFrom)
                    .as("the gap starts where the kept segment ends")
                    .isEqualTo(
                            Instant.parse(interrupted.get(0).fields().get("end").asText()));
            assertThat(gapTo).isEqualTo(resumedAt);
            assertThat(Duration.between(gapFrom, gapTo))
                    .as("only until the next key frame (1 s apart)")
                    .isLessThan(Duration.ofMillis(1100));
            assertThat(gaps.get(0).fields().get("reason").asText()).startsWith("archive write failed");

            Instant lastEnd = Instant.parse(
                    segments.get(segments.size() - 1).fields().get("end").asText());
            assertThat(lastEnd).as("recording went on to the end of the stream").isAfter(T0.plusMillis(11_500));
            for (ManifestLine segment : segments) {
                Probe probe = Probe.of(archive.layout
                        .dayDir("room1", archive.layout.day(T0))
                        .resolve(segment.fields().get("path").asText()));
                assertThat(probe.hasVideo()).isTrue();
                assertThat(probe.hasAudio()).isTrue();
            }
            assertThat(new ArchiveVerifier(archive.layout, archive.keys.getPublic())
                            .verify("room1", archive.layout.day(T0), archive.layout.day(T0))
                            .problems())
                    .isEmpty();
        }
        List<Anomaly> failing = anomalies.stream()
                .filter(a -> a.type() == AnomalyType.ARCHIVE_FAILING)
                .toList();
        assertThat(failing).as("raised, then ended, as one anomaly").hasSize(2);
        assertThat(failing.get(0).endedAt()).isNull();
        assertThat(failing.get(1).endedAt()).isNotNull();
        assertThat(failing.get(0).detail().zh()).startsWith("录像无法写入存档");
        assertThat(failing.get(0).detail().en()).contains("Invalid argument");
    }
}
