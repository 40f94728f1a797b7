package org.examhall.proctor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.proctor.ingest.TimestampSanitizer.NONE;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timestamps cameras and RTSP servers really send, and what a muxer needs from them: DTS strictly rising
 * per stream, PTS never before DTS, time running on across restarts, audio and video in step.
 */
class TimestampSanitizerTest {

    /** 25 frames/s video in RTP's 90 kHz clock, 48 kHz AAC in 1024-sample packets. */
    private static final TimestampSanitizer.Timing VIDEO = new TimestampSanitizer.Timing(1, 90_000, 3600);

    private static final TimestampSanitizer.Timing AUDIO = new TimestampSanitizer.Timing(1, 48_000, 1024);
    private static final long F = 3600;

    private record Out(long pts, long dts, TimestampSanitizer.Repair repair) {}

    private static List<Out> run(TimestampSanitizer sanitizer, int stream, long[][] packets) {
        List<Out> out = new ArrayList<>();
        long arrival = 0;
        for (long[] p : packets) {
            // Packets arrive one frame apart unless the test says otherwise.
            arrival = p.length > 2 ? p[2] : arrival + 40_000;
            TimestampSanitizer.Fixed fixed = sanitizer.fix(stream, p[0], p[1], 0, arrival);
            out.add(new Out(fixed.pts(), fixed.dts(), fixed.repair()));
        }
        return out;
    }

    private static void assertMuxable(List<Out> out) {
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).pts())
                    .as("pts >= dts at %d", i)
                    .isGreaterThanOrEqualTo(out.get(i).dts());
            if (i > 0) {
                assertThat(out.get(i).dts())
                        .as("dts rises at %d", i)
                        .isGreaterThan(out.get(i - 1).dts());
            }
        }
    }

    /** I P B B P B B ... in decode order, as frame numbers of presentation. */
    private static long[] bFramePresentationOrder(int gops) {
        List<Long> order = new ArrayList<>();
        order.add(0L);
        for (int g = 0; g < gops; g++) {
            long base = g * 3L;
            order.add(base + 3);
            order.add(base + 1);
            order.add(base + 2);
        }
        return order.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void aCleanStreamIsLeftAlone() {
        TimestampSanitizer sanitizer = new TimestampSanitizer(VIDEO);
        long[][] packets = new long[50][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = new long[] {1000 + i * F, 1000 + i * F};
        }
        List<Out> out = run(sanitizer, 0, packets);
        for (int i = 0; i < packets.length; i++) {
            assertThat(out.get(i)).isEqualTo(new Out(packets[i][0], packets[i][1], TimestampSanitizer.Repair.KEPT));
        }
    }

    @Test
    void bFramesOverRtpWithoutDtsGetADecodeOrderThatKeepsTheirPresentationTimes() {
        long[] frames = bFramePresentationOrder(30);
        long[][] packets = new long[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            packets[i] = new long[] {frames[i] * F, NONE};
        }
        List<Out> out = run(new TimestampSanitizer(VIDEO), 0, packets);
        assertMuxable(out);
        // After the first group of pictures every frame is shown when the camera meant it (to a tick).
        for (int i = 10; i < out.size(); i++) {
            assertThat(out.get(i).pts()).isBetween(packets[i][0], packets[i][0] + 3);
        }
    }

    @Test
    void bFramesWhoseDtsWasCopiedFromPtsAreRepairedTheSameWay() {
        long[] frames = bFramePresentationOrder(30);
        long[][] packets = new long[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            packets[i] = new long[] {frames[i] * F, frames[i] * F};
        }
        List<Out> out = run(new TimestampSanitizer(VIDEO), 0, packets);
        assertMuxable(out);
        for (int i = 10; i < out.size(); i++) {
            assertThat(out.get(i).pts()).isBetween(packets[i][0], packets[i][0] + 3);
        }
    }

    @Test
    void jitterBackwardsIsSmoothedLikeTheFfmpegCommandLine() {
        long[][] packets = {{0, 0}, {F, F}, {F - 10, F - 10}, {3 * F, 3 * F}};
        List<Out> out = run(new TimestampSanitizer(VIDEO), 0, packets);
        assertMuxable(out);
        assertThat(out.get(2).repair()).isIn(TimestampSanitizer.Repair.MONOTONIC, TimestampSanitizer.Repair.FILLED);
        assertThat(out.get(3)).isEqualTo(new Out(3 * F, 3 * F, TimestampSanitizer.Repair.KEPT));
    }

    @Test
    void aLoopingServerOrRebootedCameraContinuesTheTimelineWithAudioInStep() {
        TimestampSanitizer sanitizer = new TimestampSanitizer(VIDEO, AUDIO);
        // 60 s of interleaved media, then both streams start again from zero (the file looped).
        long lastVideo = 0;
        long lastAudio = 0;
        for (int second = 0; second < 60; second++) {
            for (int k = 0; k < 25; k++) {
                long t = (second * 25L + k) * F;
                lastVideo = sanitizer.fix(0, 90_000 + t, 90_000 + t, 0, live()).dts();
                long a = Math.round((90_000 + t) / 90_000.0 * 48_000);
                lastAudio = sanitizer.fix(1, a, a, 1024, live()).dts();
            }
        }
        TimestampSanitizer.Fixed video = sanitizer.fix(0, 0, 0, 0, live());
        TimestampSanitizer.Fixed audio = sanitizer.fix(1, 0, 0, 1024, live());
        assertThat(video.repair()).isEqualTo(TimestampSanitizer.Repair.NEW_TIMELINE);
        assertThat(video.dts()).isEqualTo(lastVideo + F);
        assertThat(audio.repair()).as("audio joins video's new timeline").isEqualTo(TimestampSanitizer.Repair.KEPT);
        // Both restarted at media time 0, so they continue at the same moment (within one audio packet).
        double videoSeconds = video.dts() / 90_000.0;
        double audioSeconds = audio.dts() / 48_000.0;
        assertThat(Math.abs(videoSeconds - audioSeconds)).isLessThan(1024 / 48_000.0 + 0.001);
        assertThat(audio.dts()).isGreaterThan(lastAudio);
    }

    @Test
    void audioStillOnTheOldTimelineAfterVideoJumpedIsNotDragged() {
        TimestampSanitizer sanitizer = new TimestampSanitizer(VIDEO, AUDIO);
        for (int i = 0; i < 100; i++) {
            sanitizer.fix(0, i * F, i * F, 0, live());
            sanitizer.fix(1, i * 1920L, i * 1920L, 1920, live());
        }
        sanitizer.fix(0, 0, 0, 0, live());
        // An audio packet from before the jump, interleaved after it: it continues its own stream.
        TimestampSanitizer.Fixed late = sanitizer.fix(1, 100 * 1920L, 100 * 1920L, 1920, live());
        assertThat(late)
                .isEqualTo(new TimestampSanitizer.Fixed(100 * 1920L, 100 * 1920L, TimestampSanitizer.Repair.KEPT));
    }

    @Test
    void aClockJumpForwardAndThe33BitWrapDoNotStopTime() {
        long wrap = 1L << 33;
        long[][] packets = {
            {wrap - 2 * F, wrap - 2 * F},
            {wrap - F, wrap - F},
            {0, 0},
            {F, F},
            {F + 3600L * 90_000, F + 3600L * 90_000},
            {2 * F + 3600L * 90_000, 2 * F + 3600L * 90_000}
        };
        List<Out> out = run(new TimestampSanitizer(VIDEO), 0, packets);
        assertMuxable(out);
        assertThat(out.get(2).repair()).isEqualTo(TimestampSanitizer.Repair.NEW_TIMELINE);
        assertThat(out.get(4).repair()).isEqualTo(TimestampSanitizer.Repair.NEW_TIMELINE);
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).dts() - out.get(i - 1).dts())
                    .as("one frame apart at %d", i)
                    .isEqualTo(F);
        }
    }

    @Test
    void aBurstOfLostPacketsIsKeptAsTheTimeItWas() {
        long[][] packets = {{0, 0, 0}, {F, F, 40_000}, {F + 2 * 90_000, F + 2 * 90_000, 2_040_000}};
        List<Out> out = run(new TimestampSanitizer(VIDEO), 0, packets);
        assertThat(out.get(2)).isEqualTo(new Out(F + 2 * 90_000, F + 2 * 90_000, TimestampSanitizer.Repair.KEPT));
    }

    @Test
    void aRestartingEncoderPausesAndItsNewTimelineKeepsPaceWithTheWallClock() {
        // Ten seconds in, the encoder restarts from zero after 1.2 s without sending.
        long[][] packets = {{900_000, 900_000, 0}, {903_600, 903_600, 40_000}, {0, 0, 1_240_000}, {F, F, 1_280_000}};
        List<Out> out = run(new TimestampSanitizer(VIDEO), 0, packets);
        assertThat(out.get(2))
                .isEqualTo(new Out(903_600 + 108_000, 903_600 + 108_000, TimestampSanitizer.Repair.NEW_TIMELINE));
        assertThat(out.get(3))
                .isEqualTo(new Out(903_600 + 108_000 + F, 903_600 + 108_000 + F, TimestampSanitizer.Repair.KEPT));
    }

    @Test
    void rtspStreamsRealignedByRtcpAfterALoopSkipForwardWithoutAPauseAndAreJoinedUp() {
        // What ffmpeg's RTSP client gave for GStreamer's server looping an 8 s file: back to 0, then 4.3 s later
        // forward to where the server's clock really is, with packets still arriving one frame apart.
        long[][] packets = {
            {709_204, 709_204, 0},
            {4, 4, 40_000},
            {3604, 3604, 80_000},
            {712_804, 712_804, 120_000},
            {716_404, 716_404, 160_000}
        };
        List<Out> out = run(new TimestampSanitizer(VIDEO), 0, packets);
        assertMuxable(out);
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).dts() - out.get(i - 1).dts())
                    .as("one frame on at %d", i)
                    .isEqualTo(F);
        }
    }

    @Test
    void aLongLossIsKeptWhenTheArrivalTimesSayThatMuchTimePassed() {
        long eightSeconds = 8 * 90_000;
        long[][] packets = {{0, 0, 0}, {F, F, 40_000}, {F + eightSeconds, F + eightSeconds, 8_040_000}};
        List<Out> out = run(new TimestampSanitizer(VIDEO), 0, packets);
        assertThat(out.get(2)).isEqualTo(new Out(F + eightSeconds, F + eightSeconds, TimestampSanitizer.Repair.KEPT));
    }

    @Test
    void aRecordingsGapIsKeptAsItIs() {
        TimestampSanitizer sanitizer = new TimestampSanitizer(VIDEO);
        sanitizer.fix(0, 0, 0, 0, TimestampSanitizer.NONE);
        TimestampSanitizer.Fixed later = sanitizer.fix(0, 12 * 90_000, 12 * 90_000, 0, TimestampSanitizer.NONE);
        assertThat(later.repair()).isEqualTo(TimestampSanitizer.Repair.KEPT);
    }

    private long clock;

    /** A live source's arrival clock, advancing one video frame per packet handed in. */
    private long live() {
        clock += 20_000;
        return clock;
    }

    @Test
    void aPacketWithoutAnyTimestampIsPlacedAfterItsPredecessorOrDroppedAtTheStart() {
        TimestampSanitizer sanitizer = new TimestampSanitizer(VIDEO);
        assertThat(sanitizer.fix(0, NONE, NONE, 0, live())).isNull();
        sanitizer.fix(0, 0, 0, 0, live());
        assertThat(sanitizer.fix(0, NONE, NONE, 0, live()))
                .isEqualTo(new TimestampSanitizer.Fixed(F, F, TimestampSanitizer.Repair.FILLED));
    }
}
