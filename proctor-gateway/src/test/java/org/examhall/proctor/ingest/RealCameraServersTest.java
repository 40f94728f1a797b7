package org.examhall.proctor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.examhall.proctor.cli.VerificationReport;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.testing.ArchiveCoverage;
import org.examhall.proctor.testing.ArchiveRun;
import org.examhall.proctor.testing.Await;
import org.examhall.proctor.testing.FfmpegPusher;
import org.examhall.proctor.testing.GstRtspServer;
import org.examhall.proctor.testing.Loopback;
import org.examhall.proctor.testing.MediaTool;
import org.examhall.proctor.testing.MediaTool.AudioCodec;
import org.examhall.proctor.testing.MediaTool.VideoCodec;
import org.examhall.proctor.testing.UdpLossRelay;
import org.examhall.proctor.testing.VlcRtspServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive against camera streams served by programs that are not ours, as sites have them: GStreamer's RTSP
 * server (TCP and UDP, basic and digest authentication), VLC's RTSP output (RTP over UDP only), and the
 * {@code ffmpeg} command line pushing MPEG-TS over UDP, RTMP and SRT. Streams are H.264 with B-frames, H.265, AAC,
 * G.711 A-law and μ-law, or video alone, made by {@code ffmpeg} at test time. Faults: the server killed mid-segment
 * and restarted, the server hung with its connection open, the stream looping (timestamps restart), an encoder
 * reboot, a jump of the clock, a burst of lost UDP, a wrong password. Each case checks that every second streamed outside an outage is archived (≥ 99.5 %), every segment opens in
 * {@code ffprobe} with its video and audio, the manifest chain verifies, the gaps match the outages, and the
 * archive never reported itself failing.
 */
class RealCameraServersTest {

    private static final Duration SEGMENT = Duration.ofSeconds(4);
    private static final long STALL_MILLIS = 4000;
    private static final double REQUIRED_COVERAGE = 0.995;
    private static final long IN_FLIGHT_MILLIS = 2000;

    @TempDir
    Path dir;

    @Test
    void gstreamerOverTcpKilledMidSegmentAndRestartedWhileLoopingBFrames() throws Exception {
        Path file = MediaTool.make(dir.resolve("bframes.mkv"), 8, VideoCodec.H264_BFRAMES, AudioCodec.AAC);
        int port = Loopback.freeTcpPort();
        GstRtspServer.Options options =
                GstRtspServer.Options.defaults().withLoop().withProtocols(GstRtspServer.Protocols.TCP);
        try (GstRtspServer server = GstRtspServer.start(file, port, options);
                ArchiveRun run = record(SourceType.RTSP, server.url(), Map.of())) {
            Instant first = run.awaitConnections(1, Duration.ofSeconds(20));
            // Past the first loop of the 8 s file, and into the middle of a 4 s segment.
            Thread.sleep(10_000 + 2_000 - Math.floorMod(Instant.now().toEpochMilli(), SEGMENT.toMillis()) / 2);
            Instant killed = Instant.now();
            server.kill();
            Thread.sleep(3000);
            Instant restarted = Instant.now();
            server.restart();
            Instant reconnected = run.awaitConnections(2, Duration.ofSeconds(20));
            Thread.sleep(8000);
            Instant end = finish(run);

            assertThat(Duration.between(restarted, reconnected))
                    .as("found again after its restart")
                    .isLessThan(Duration.ofSeconds(6));
            List<ArchiveCoverage.Gap> gaps =
                    ArchiveCoverage.of(run.manifest(), ArchiveRun.CAMERA).gaps();
            assertThat(gaps).as("one gap, for the outage").hasSize(1);
            assertThat(Duration.between(gaps.get(0).from(), killed).abs()).isLessThan(Duration.ofMillis(1500));
            assertThat(Duration.between(gaps.get(0).to(), reconnected).abs()).isLessThan(Duration.ofMillis(500));
            assertArchived(
                    "GStreamer RTSP/TCP, H.264 B-frames + AAC, looping, killed and restarted",
                    run,
                    first,
                    end,
                    List.of(new ArchiveCoverage.Interval(
                            gaps.get(0).from(), gaps.get(0).to())),
                    "h264",
                    "aac");
        }
    }

    @Test
    void gstreamerThatHangsWithItsConnectionOpenIsGivenUpByTheWatchdogAndFoundAgain() throws Exception {
        Path file = MediaTool.make(dir.resolve("hang.mkv"), 30, VideoCodec.H264_BASELINE, AudioCodec.PCMA);
        try (GstRtspServer server = GstRtspServer.start(
                        file,
                        Loopback.freeTcpPort(),
                        GstRtspServer.Options.defaults().withLoop());
                ArchiveRun run = record(SourceType.RTSP, server.url(), Map.of())) {
            Instant first = run.awaitConnections(1, Duration.ofSeconds(20));
            Thread.sleep(5000);
            Instant frozen = Instant.now();
            server.freeze();
            Await.until(Duration.ofSeconds(15), () -> run.connections().stream().anyMatch(c -> !c.up()));
            Instant noticed = Instant.now();
            server.thaw();
            Instant reconnected = run.awaitConnections(2, Duration.ofSeconds(20));
            Thread.sleep(5000);
            Instant end = finish(run);

            // Only the watchdog can notice a hung server; FFmpeg's RTSP client over TCP gives up after about two
            // stall periods here (measured, not designed), so that is the bound pinned.
            System.out.printf(
                    "hung server given up %d ms after it froze%n",
                    Duration.between(frozen, noticed).toMillis());
            assertThat(Duration.between(frozen, noticed))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(STALL_MILLIS))
                    .isLessThan(Duration.ofMillis(2 * STALL_MILLIS + 3000));
            List<ArchiveCoverage.Gap> gaps =
                    ArchiveCoverage.of(run.manifest(), ArchiveRun.CAMERA).gaps();
            assertThat(gaps).hasSize(1);
            assertThat(Duration.between(gaps.get(0).from(), frozen).abs()).isLessThan(Duration.ofMillis(1500));
            assertThat(gaps.get(0).to()).isEqualTo(reconnected);
            assertThat(gaps.get(0).reason()).contains("no data");
            assertArchived(
                    "GStreamer RTSP/TCP, H.264 + PCMA, server hung (SIGSTOP) then resumed",
                    run,
                    first,
                    end,
                    List.of(new ArchiveCoverage.Interval(
                            gaps.get(0).from(), gaps.get(0).to())),
                    "h264",
                    "aac");
        }
    }

    @Test
    void gstreamerOfferingOnlyUdpWithDigestAuthenticationServingH265AndALaw() throws Exception {
        Path file = MediaTool.make(dir.resolve("hevc-pcma.mkv"), 8, VideoCodec.H265, AudioCodec.PCMA);
        int port = Loopback.freeTcpPort();
        GstRtspServer.Options options = GstRtspServer.Options.defaults()
                .withLoop()
                .withProtocols(GstRtspServer.Protocols.UDP)
                .withAuth(GstRtspServer.Auth.DIGEST, "admin", "Cam#2026");
        try (GstRtspServer server = GstRtspServer.start(file, port, options);
                ArchiveRun run = record(SourceType.RTSP, server.url("admin", "Cam#2026"), Map.of())) {
            Instant first = run.awaitConnections(1, Duration.ofSeconds(25));
            Thread.sleep(14_000);
            Instant end = finish(run);
            assertThat(run.gaps()).as("no outage, the loop included").isEmpty();
            assertArchived(
                    "GStreamer RTSP/UDP only (auto transport), digest, H.265 + PCMA",
                    run,
                    first,
                    end,
                    List.of(),
                    "hevc",
                    "aac");
        }
    }

    @Test
    void gstreamerWithBasicAuthenticationServingMuLawAndAnotherWithoutAudio() throws Exception {
        Path pcmu = MediaTool.make(dir.resolve("pcmu.mkv"), 20, VideoCodec.H264_BASELINE, AudioCodec.PCMU);
        Path silent = MediaTool.make(dir.resolve("silent.mkv"), 20, VideoCodec.H264_BFRAMES, AudioCodec.NONE);
        try (GstRtspServer server = GstRtspServer.start(
                        pcmu,
                        Loopback.freeTcpPort(),
                        GstRtspServer.Options.defaults().withAuth(GstRtspServer.Auth.BASIC, "viewer", "p@ss word"));
                GstRtspServer mute =
                        GstRtspServer.start(silent, Loopback.freeTcpPort(), GstRtspServer.Options.defaults());
                ArchiveRun withSound = record(SourceType.RTSP, server.url("viewer", "p@ss word"), Map.of());
                ArchiveRun videoOnly = new ArchiveRun(
                        dir.resolve("archive-video-only"),
                        new SourceConfig(ArchiveRun.CAMERA, SourceType.RTSP, mute.url(), Map.of()),
                        SEGMENT,
                        STALL_MILLIS)) {
            Instant first = withSound.awaitConnections(1, Duration.ofSeconds(20));
            Instant firstMute = videoOnly.awaitConnections(1, Duration.ofSeconds(20));
            Thread.sleep(10_000);
            Instant end = finish(withSound, videoOnly);
            assertArchived("GStreamer RTSP/TCP, basic, H.264 + PCMU", withSound, first, end, List.of(), "h264", "aac");
            assertArchived(
                    "GStreamer RTSP/TCP, H.264 B-frames, no audio", videoOnly, firstMute, end, List.of(), "h264", null);
        }
    }

    @Test
    void aWrongPasswordIsLoggedInBothLanguagesWithWhatToDoAndWithoutThePassword() throws Exception {
        Path file = MediaTool.make(dir.resolve("auth.mkv"), 6, VideoCodec.H264_BASELINE, AudioCodec.AAC);
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(CameraIngest.class.getName());
        logger.addHandler(capture);
        try (GstRtspServer server = GstRtspServer.start(
                        file,
                        Loopback.freeTcpPort(),
                        GstRtspServer.Options.defaults()
                                .withAuth(GstRtspServer.Auth.DIGEST, "admin", "the-right-one"));
                ArchiveRun run = record(SourceType.RTSP, server.url("admin", "wrong-secret-2026"), Map.of())) {
            Await.until(Duration.ofSeconds(20), () -> lines.stream().anyMatch(l -> l.contains("event=camera_failed")));
            assertThat(run.connections()).isEmpty();
        } finally {
            logger.removeHandler(capture);
        }
        String failure = lines.stream()
                .filter(l -> l.contains("event=camera_failed"))
                .findFirst()
                .orElseThrow();
        System.out.println(failure);
        assertThat(failure)
                .contains("site=site1 room=room1 camera=cam1")
                .contains("url=rtsp://admin:***@127.0.0.1:")
                .contains("advice_zh=\"摄像头拒绝了用户名或密码")
                .contains("the camera refused the user name or password");
        assertThat(lines).noneMatch(l -> l.contains("wrong-secret-2026"));
    }

    @Test
    void vlcServingRtpOverUdpOnlyWithBFramesAndLooping() throws Exception {
        Path file = MediaTool.make(dir.resolve("vlc.mkv"), 10, VideoCodec.H264_BFRAMES, AudioCodec.AAC);
        int port = Loopback.freeTcpPort();
        try (VlcRtspServer server = VlcRtspServer.start(file, port);
                ArchiveRun run = record(SourceType.RTSP, server.url(), Map.of())) {
            Instant first = run.awaitConnections(1, Duration.ofSeconds(25));
            Thread.sleep(24_000);
            Instant end = finish(run);
            // VLC ends the RTSP session when its file loops; each end is an outage the gateway must bridge quickly.
            List<ArchiveCoverage.Gap> gaps =
                    ArchiveCoverage.of(run.manifest(), ArchiveRun.CAMERA).gaps();
            List<ArchiveCoverage.Interval> outages = new ArrayList<>();
            for (ArchiveCoverage.Gap gap : gaps) {
                assertThat(gap.reason()).contains("end of stream");
                assertThat(Duration.between(gap.from(), gap.to()))
                        .as("back within a handshake")
                        .isLessThan(Duration.ofSeconds(3));
                outages.add(new ArchiveCoverage.Interval(gap.from(), gap.to()));
            }
            assertArchived(
                    "VLC RTSP (RTP/UDP only), H.264 B-frames + AAC, looping", run, first, end, outages, "h264", "aac");
        }
    }

    @Test
    void udpPushThroughLossRebootAndClockJump() throws Exception {
        Path file = MediaTool.make(dir.resolve("push.ts"), 30, VideoCodec.H264_BFRAMES, AudioCodec.AAC);
        int gatewayPort = Loopback.freeUdpPort();
        int relayPort = Loopback.freeUdpPort();
        try (UdpLossRelay relay = UdpLossRelay.start(relayPort, gatewayPort);
                ArchiveRun run = record(SourceType.UDP_TS, "udp://127.0.0.1:" + gatewayPort, Map.of())) {
            FfmpegPusher encoder = FfmpegPusher.udp(file, relayPort);
            FfmpegPusher jumped = null;
            try {
                Instant first = run.awaitConnections(1, Duration.ofSeconds(20));
                Thread.sleep(6000);
                Instant lossFrom = Instant.now();
                relay.dropNext(Duration.ofSeconds(2));
                Thread.sleep(6000);
                // The encoder reboots: its timestamps start again from the beginning.
                encoder.restart();
                Thread.sleep(6000);
                // Its clock is set an hour ahead (NTP finally reached): timestamps jump forward.
                encoder.kill();
                jumped = FfmpegPusher.udpWithClockOffset(file, relayPort, Duration.ofHours(1));
                Thread.sleep(7000);
                Instant end = finish(run);

                assertThat(relay.dropped()).as("the relay dropped a burst").isPositive();
                assertThat(run.connections().stream()
                                .filter(ArchiveRun.Connection::up)
                                .count())
                        .as("one connection throughout: loss, reboot and jump are bridged")
                        .isEqualTo(1);
                assertThat(run.gaps()).isEmpty();
                assertArchived(
                        "ffmpeg MPEG-TS/UDP push, H.264 B-frames + AAC, 2 s loss, reboot, +1 h clock jump",
                        run,
                        first,
                        end,
                        List.of(new ArchiveCoverage.Interval(lossFrom, lossFrom.plusSeconds(2))),
                        "h264",
                        "aac");
                assertContinuous(run);
            } finally {
                encoder.close();
                if (jumped != null) {
                    jumped.close();
                }
            }
        }
    }

    @Test
    void ffmpegPushingRtmpAndSrt() throws Exception {
        Path file = MediaTool.make(dir.resolve("push.ts"), 12, VideoCodec.H264_BFRAMES, AudioCodec.AAC);
        int rtmpPort = Loopback.freeTcpPort();
        int srtPort = Loopback.freeUdpPort();
        try (ArchiveRun rtmp = new ArchiveRun(
                        dir.resolve("archive-rtmp"),
                        new SourceConfig(
                                ArchiveRun.CAMERA,
                                SourceType.RTMP_LISTEN,
                                "rtmp://127.0.0.1:" + rtmpPort + "/live/cam1",
                                Map.of()),
                        SEGMENT,
                        STALL_MILLIS);
                ArchiveRun srt = new ArchiveRun(
                        dir.resolve("archive-srt"),
                        new SourceConfig(
                                ArchiveRun.CAMERA, SourceType.SRT_LISTEN, "srt://127.0.0.1:" + srtPort, Map.of()),
                        SEGMENT,
                        STALL_MILLIS);
                FfmpegPusher rtmpPush = FfmpegPusher.rtmp(file, rtmpPort, "live/cam1");
                FfmpegPusher srtPush = FfmpegPusher.srt(file, srtPort)) {
            Instant rtmpFirst = rtmp.awaitConnections(1, Duration.ofSeconds(20));
            Instant srtFirst = srt.awaitConnections(1, Duration.ofSeconds(20));
            Thread.sleep(12_000);
            Instant end = finish(rtmp, srt);
            assertArchived("ffmpeg RTMP push, H.264 B-frames + AAC", rtmp, rtmpFirst, end, List.of(), "h264", "aac");
            assertArchived("ffmpeg SRT push, H.264 B-frames + AAC", srt, srtFirst, end, List.of(), "h264", "aac");
        }
    }

    /**
     * Ends the streamed stretch now and stops recording a moment later: what the camera sent up to now is still
     * in flight (encoder, network and demuxer buffers) and belongs to the stretch.
     */
    private static Instant finish(ArchiveRun... runs) throws InterruptedException {
        Instant end = Instant.now();
        Thread.sleep(IN_FLIGHT_MILLIS);
        for (ArchiveRun run : runs) {
            run.close();
        }
        return end;
    }

    private ArchiveRun record(SourceType type, String url, Map<String, String> options) {
        return new ArchiveRun(
                dir.resolve("archive"), new SourceConfig(ArchiveRun.CAMERA, type, url, options), SEGMENT, STALL_MILLIS);
    }

    /**
     * @param audio the archived audio codec, or null for a camera without sound
     */
    private static void assertArchived(
            String scenario,
            ArchiveRun run,
            Instant from,
            Instant to,
            List<ArchiveCoverage.Interval> outages,
            String video,
            String audio)
            throws Exception {
        List<ManifestLine> lines = run.manifest();
        ArchiveCoverage coverage = ArchiveCoverage.of(lines, ArchiveRun.CAMERA);
        double fraction = coverage.coveredFraction(from, to, outages);
        double streamed = Duration.between(from, to).toMillis() / 1000.0
                - outages.stream().mapToLong(o -> o.length().toMillis()).sum() / 1000.0;
        for (ManifestLine line : lines) {
            if (!line.type().equals("seal") && !line.type().equals("indexed")) {
                System.out.println("  " + line.text());
            }
        }
        System.out.printf(
                "ARCHIVED %s: %.1f s of %.1f s streamed outside outages (%.2f %%), %d segments, %d gaps%n",
                scenario,
                fraction * streamed,
                streamed,
                fraction * 100,
                run.segments().size(),
                coverage.gaps().size());
        assertThat(run.archiveFailures())
                .as(scenario + ": the archive never stopped taking packets")
                .isEmpty();
        assertThat(fraction)
                .as(scenario + ": share of the streamed time archived")
                .isGreaterThanOrEqualTo(REQUIRED_COVERAGE);
        assertThat(run.segments()).hasSizeGreaterThanOrEqualTo(2);
        for (ManifestLine segment : run.segments()) {
            MediaTool.Info info = MediaTool.probe(run.file(segment));
            assertThat(info.errors())
                    .as(scenario + ": ffprobe on "
                            + segment.fields().get("path").asText())
                    .isEmpty();
            assertThat(info.videoCodec())
                    .as(scenario + ": video of " + segment.fields().get("path").asText())
                    .isEqualTo(video);
            assertThat(info.hasAudio())
                    .as(scenario + ": sound in " + segment.fields().get("path").asText())
                    .isEqualTo(audio != null);
            if (audio != null) {
                assertThat(info.audioCodec()).isEqualTo(audio);
            }
            assertThat(segment.fields().has("interrupted"))
                    .as(scenario + ": no segment cut short by a write failure")
                    .isFalse();
        }
        VerificationReport report = run.verify();
        assertThat(report.problems()).as(scenario + ": archive-verify").isEmpty();
    }

    /** Within one connection each segment starts where the one before ended: nothing fell between them. */
    private static void assertContinuous(ArchiveRun run) throws Exception {
        List<ManifestLine> segments = run.segments();
        for (int i = 1; i < segments.size(); i++) {
            assertThat(segments.get(i).fields().get("start").asText())
                    .isEqualTo(segments.get(i - 1).fields().get("end").asText());
        }
    }
}
