package org.examhall.proctor.demo;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Encodes a generated room scene (H.264 with one key frame per second, plus audio) to a file or a network
 * URL with JavaCV. Paced output runs at real time, as a camera would; unpaced output is as fast as the
 * encoder goes, for building test clips.
 */
public final class SceneEncoder {

    /** What to encode and how. {@code audioCodec} is AAC for cameras that do it right, G.711 for the rest. */
    public record Settings(
            int width, int height, int fps, int videoBitrate, int sampleRate, int audioCodec, String format) {

        public static Settings small(String format) {
            return new Settings(320, 240, 10, 300_000, 16_000, AV_CODEC_ID_AAC, format);
        }
    }

    private final Settings settings;
    private final TestPicture picture;
    private final RoomSound sound;
    private final List<SceneEvent> events;

    public SceneEncoder(Settings settings, String label, ZoneId zone, List<SceneEvent> events, long seed) {
        this.settings = settings;
        this.picture = new TestPicture(label, zone);
        this.sound = new RoomSound(settings.sampleRate(), seed);
        this.events = List.copyOf(events);
    }

    /**
     * Encodes scene time from 0 to {@code seconds} (or until {@code keepGoing} says stop) to {@code target}.
     *
     * @param clock wall clock for the on-screen time; with {@code paced} the encoder also waits for it
     */
    public void encode(String target, double seconds, boolean paced, Clock clock, BooleanSupplier keepGoing)
            throws FrameRecorder.Exception {
        try (FFmpegFrameRecorder recorder = recorder(target);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.start();
            BufferedImage image = new BufferedImage(settings.width(), settings.height(), BufferedImage.TYPE_3BYTE_BGR);
            short[] samples = new short[settings.sampleRate() / settings.fps()];
            Instant startWall = clock.instant();
            long startNanos = System.nanoTime();
            long frames = Math.round(seconds * settings.fps());
            for (long n = 0; n < frames && keepGoing.getAsBoolean(); n++) {
                double t = (double) n / settings.fps();
                if (paced) {
                    waitUntil(startNanos + (long) (t * 1e9));
                }
                Instant wall = startWall.plusNanos((long) (t * 1e9));
                if (!active(SceneEvent.Kind.FROZEN, t)) {
                    picture.draw(image, t, wall, active(SceneEvent.Kind.BLACK, t));
                }
                Frame frame = converter.convert(image);
                recorder.record(frame);
                double speech = active(SceneEvent.Kind.SPEECH, t) ? 1 : active(SceneEvent.Kind.WHISPER, t) ? 0.25 : 0;
                sound.fill(samples, speech, active(SceneEvent.Kind.SILENCE, t));
                recorder.recordSamples(settings.sampleRate(), 1, ShortBuffer.wrap(samples));
            }
            recorder.stop();
        }
    }

    private FFmpegFrameRecorder recorder(String target) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target, settings.width(), settings.height(), 1);
        recorder.setFormat(settings.format());
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(settings.fps());
        // One key frame per second, as exam-room cameras are usually set up.
        recorder.setGopSize(settings.fps());
        recorder.setVideoBitrate(settings.videoBitrate());
        // OpenH264 (the LGPL build's encoder) drops frames under rate pressure unless told not to.
        recorder.setVideoOption("allow_skip_frames", "0");
        recorder.setAudioCodec(settings.audioCodec());
        recorder.setSampleRate(settings.sampleRate());
        recorder.setAudioChannels(1);
        recorder.setAudioBitrate(48_000);
        if (target.startsWith("udp:")) {
            // Whole TS packets per datagram, as hardware encoders send them.
            recorder.setOption("pkt_size", "1316");
        }
        return recorder;
    }

    private boolean active(SceneEvent.Kind kind, double t) {
        for (SceneEvent event : events) {
            if (event.kind() == kind && event.covers(t)) {
                return true;
            }
        }
        return false;
    }

    private static void waitUntil(long nanos) {
        long remaining = nanos - System.nanoTime();
        if (remaining > 0) {
            try {
                Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
