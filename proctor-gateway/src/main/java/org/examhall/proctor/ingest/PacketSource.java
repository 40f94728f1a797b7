package org.examhall.proctor.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One open connection to a camera (or a file), delivering compressed packets without decoding them.
 * Written against libavformat directly rather than FFmpegFrameGrabber because the gateway needs an
 * interrupt callback on the context from before it connects, which the grabber does not expose.
 */
public final class PacketSource implements AutoCloseable {

    private final AVFormatContext context;
    private final StallWatchdog watchdog;
    private final long stallMillis;
    private final StreamLayout layout;

    private PacketSource(AVFormatContext context, StallWatchdog watchdog, long stallMillis) {
        this.context = context;
        this.watchdog = watchdog;
        this.stallMillis = stallMillis;
        this.layout = selectStreams(context);
    }

    /** Opens a local recording (a segment, a clip, a test file); no timeouts apply. */
    public static PacketSource openFile(String path) throws IOException {
        return open(new SourceUrl(path, null, Map.of()), new StallWatchdog(), TimeUnit.DAYS.toMillis(1));
    }

    /** Connects and probes the streams, giving up after {@code stallMillis} of silence at any step. */
    static PacketSource open(SourceUrl source, StallWatchdog watchdog, long stallMillis) throws IOException {
        AVFormatContext context = avformat_alloc_context();
        context.interrupt_callback().callback(watchdog);
        AVDictionary options = new AVDictionary(null);
        source.options().forEach((key, value) -> av_dict_set(options, key, value, 0));
        AVInputFormat format = source.format() == null ? null : av_find_input_format(source.format());
        watchdog.arm(stallMillis);
        try {
            // On failure FFmpeg frees the context itself.
            FfmpegError.check(avformat_open_input(context, source.url(), format, options), "open " + source.redacted());
        } finally {
            av_dict_free(options);
        }
        try {
            failIfStalled(watchdog, stallMillis, source);
            watchdog.arm(stallMillis);
            FfmpegError.check(
                    avformat_find_stream_info(context, (PointerPointer<?>) null), "probe " + source.redacted());
            failIfStalled(watchdog, stallMillis, source);
            return new PacketSource(context, watchdog, stallMillis);
        } catch (IOException | RuntimeException e) {
            avformat_close_input(context);
            throw e;
        }
    }

    /**
     * Demuxers do not all give up when interrupted: the MPEG-TS probe keeps waiting and returns success
     * once data finally arrives, but its I/O context keeps the interrupt as a sticky error. A connection
     * that overran its deadline is therefore dropped and opened afresh.
     */
    private static void failIfStalled(StallWatchdog watchdog, long stallMillis, SourceUrl source) throws IOException {
        if (watchdog.expired()) {
            throw new IOException("no data from " + source.redacted() + " for " + stallMillis + " ms");
        }
    }

    private static StreamLayout selectStreams(AVFormatContext context) {
        int video = -1;
        int audio = -1;
        for (int i = 0; i < context.nb_streams(); i++) {
            int type = context.streams(i).codecpar().codec_type();
            if (type == AVMEDIA_TYPE_VIDEO && video < 0) {
                video = i;
            } else if (type == AVMEDIA_TYPE_AUDIO && audio < 0) {
                audio = i;
            }
        }
        if (video < 0) {
            avformat_close_input(context);
            throw new IllegalStateException("the source has no video stream");
        }
        for (int i = 0; i < context.nb_streams(); i++) {
            if (i != video && i != audio) {
                // Data and subtitle streams (camera metadata, KLV) are not archived; let FFmpeg skip them.
                context.streams(i).discard(AVDISCARD_ALL);
            }
        }
        AVStream v = context.streams(video);
        AVStream a = audio < 0 ? null : context.streams(audio);
        return new StreamLayout(
                video,
                v.codecpar(),
                v.time_base(),
                audio,
                a == null ? null : a.codecpar(),
                a == null ? null : a.time_base());
    }

    public StreamLayout layout() {
        return layout;
    }

    /** A sanitizer for this connection's kept streams, seeded with their frame durations. */
    TimestampSanitizer newSanitizer() {
        TimestampSanitizer.Timing[] timings = new TimestampSanitizer.Timing[context.nb_streams()];
        timings[layout.videoIndex()] =
                timing(context.streams(layout.videoIndex()), videoFrameSeconds(context.streams(layout.videoIndex())));
        if (layout.hasAudio()) {
            AVStream audio = context.streams(layout.audioIndex());
            int samples = audio.codecpar().frame_size() > 0 ? audio.codecpar().frame_size() : 1024;
            int rate = audio.codecpar().sample_rate() > 0 ? audio.codecpar().sample_rate() : 48_000;
            timings[layout.audioIndex()] = timing(audio, (double) samples / rate);
        }
        return new TimestampSanitizer(timings);
    }

    /** Cameras that do not say their frame rate are taken to run at 25 frames/s, China's PAL-derived norm. */
    private static double videoFrameSeconds(AVStream video) {
        AVRational rate =
                video.avg_frame_rate().num() > 0 && video.avg_frame_rate().den() > 0
                        ? video.avg_frame_rate()
                        : video.r_frame_rate();
        double fps = rate.num() > 0 && rate.den() > 0 ? (double) rate.num() / rate.den() : 25;
        return fps >= 1 && fps <= 120 ? 1 / fps : 1 / 25.0;
    }

    private static TimestampSanitizer.Timing timing(AVStream stream, double frameSeconds) {
        AVRational tb = stream.time_base();
        return new TimestampSanitizer.Timing(
                tb.num(), tb.den(), Math.max(1, Math.round(frameSeconds * tb.den() / tb.num())));
    }

    /**
     * Reads the next packet of the kept streams into {@code packet} (which the caller unrefs).
     *
     * @return false at the end of a file or stream
     * @throws IOException when the camera stalled for longer than the watchdog allows, or the connection broke
     */
    public boolean read(AVPacket packet) throws IOException {
        while (true) {
            watchdog.arm(stallMillis);
            int result = av_read_frame(context, packet);
            if (result == AVERROR_EOF) {
                return false;
            }
            if (result < 0) {
                throw new IOException(
                        result == AVERROR_EXIT || watchdog.expired()
                                ? "no data for " + stallMillis + " ms"
                                : "read failed: " + FfmpegError.describe(result));
            }
            int index = packet.stream_index();
            if (layout.isVideo(index) || layout.isAudio(index)) {
                return true;
            }
            av_packet_unref(packet);
        }
    }

    public static boolean isKeyFrame(AVPacket packet) {
        return (packet.flags() & AV_PKT_FLAG_KEY) != 0;
    }

    @Override
    public void close() {
        avformat_close_input(context);
    }
}
