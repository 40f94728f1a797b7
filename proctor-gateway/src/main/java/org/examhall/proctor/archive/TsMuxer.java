package org.examhall.proctor.archive;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.examhall.proctor.ingest.FfmpegError;
import org.examhall.proctor.ingest.StreamLayout;

/**
 * Writes copied packets into one MPEG-TS file. MPEG-TS is the archive container because it has no index
 * or trailer: every 188-byte packet stands alone, so a file cut short by a crash or power loss still plays
 * up to its last byte, where an MP4 (even fragmented) loses at least the open fragment and needs its
 * initialisation segment intact. It is also what HLS serves, so live and playback need no remux.
 */
public final class TsMuxer implements AutoCloseable {

    /** libavformat's AVFMT_FLAG_CUSTOM_IO, which the presets do not export: the muxer must not close our output. */
    private static final int AVFMT_FLAG_CUSTOM_IO = 0x0080;

    private final AVFormatContext context;
    private final int videoIndex;
    private final int audioIndex;
    /** Copies: the source's time bases die with its context, a clip's muxer outlives several sources. */
    private final AVRational videoTimeBase;

    private final AVRational audioTimeBase;
    private final AVStream video;
    private final AVStream audio;
    private final AVPacket scratch = av_packet_alloc();
    /** Set for archive segments, whose hash is taken while they are written. */
    private final HashingFileOutput hashed;

    private boolean closed;

    private TsMuxer(
            AVFormatContext context, StreamLayout layout, AVStream video, AVStream audio, HashingFileOutput hashed) {
        this.context = context;
        this.hashed = hashed;
        this.videoIndex = layout.videoIndex();
        this.audioIndex = layout.audioIndex();
        this.videoTimeBase =
                av_make_q(layout.videoTimeBase().num(), layout.videoTimeBase().den());
        this.audioTimeBase = layout.hasAudio()
                ? av_make_q(layout.audioTimeBase().num(), layout.audioTimeBase().den())
                : null;
        this.video = video;
        this.audio = audio;
    }

    public static TsMuxer create(Path file, StreamLayout layout) throws IOException {
        return create(file, layout, false);
    }

    /** A muxer whose file is SM3-hashed and fsynced as it is written: see {@link #sm3()}. */
    public static TsMuxer createHashed(Path file, StreamLayout layout) throws IOException {
        return create(file, layout, true);
    }

    private static TsMuxer create(Path file, StreamLayout layout, boolean hash) throws IOException {
        AVFormatContext context = new AVFormatContext(null);
        FfmpegError.check(avformat_alloc_output_context2(context, null, "mpegts", file.toString()), "mpegts muxer");
        HashingFileOutput hashed = null;
        try {
            AVStream video = addStream(context, layout, true);
            AVStream audio = layout.hasAudio() ? addStream(context, layout, false) : null;
            if (hash) {
                hashed = new HashingFileOutput(file);
                context.pb(hashed.context());
                context.flags(context.flags() | AVFMT_FLAG_CUSTOM_IO);
            } else {
                AVIOContext io = new AVIOContext(null);
                FfmpegError.check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "create " + file);
                context.pb(io);
            }
            AVDictionary options = new AVDictionary(null);
            // Keep the camera's timestamps: consecutive segments then join seamlessly in a playlist.
            av_dict_set(options, "mpegts_copyts", "1", 0);
            try {
                FfmpegError.check(avformat_write_header(context, options), "write header of " + file);
            } finally {
                av_dict_free(options);
            }
            return new TsMuxer(context, layout, video, audio, hashed);
        } catch (IOException | RuntimeException e) {
            if (hashed != null) {
                closeQuietly(hashed);
            } else if (context.pb() != null) {
                avio_closep(context.pb());
            }
            avformat_free_context(context);
            throw e;
        }
    }

    private static AVStream addStream(AVFormatContext context, StreamLayout layout, boolean isVideo)
            throws IOException {
        AVStream stream = avformat_new_stream(context, null);
        FfmpegError.check(
                avcodec_parameters_copy(stream.codecpar(), isVideo ? layout.video() : layout.audio()), "copy stream");
        // The source container's codec tag (an FLV or RTP id) means nothing in MPEG-TS.
        stream.codecpar().codec_tag(0);
        stream.time_base(isVideo ? layout.videoTimeBase() : layout.audioTimeBase());
        return stream;
    }

    /**
     * Copies one packet of the layout's video or audio stream; the caller keeps ownership of it. Packets
     * from later sources of the same layout (the next segment of a clip) are accepted too.
     */
    public void write(AVPacket packet) throws IOException {
        int index = packet.stream_index();
        AVStream target = index == videoIndex ? video : index == audioIndex ? audio : null;
        if (target == null) {
            return;
        }
        AVRational from = index == videoIndex ? videoTimeBase : audioTimeBase;
        FfmpegError.check(av_packet_ref(scratch, packet), "reference packet");
        try {
            scratch.stream_index(target.index());
            scratch.pos(-1);
            av_packet_rescale_ts(scratch, from, target.time_base());
            int result = av_write_frame(context, scratch);
            if (result < 0 && hashed != null && hashed.failure() != null) {
                throw hashed.failure();
            }
            FfmpegError.check(result, "write packet");
        } finally {
            av_packet_unref(scratch);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            FfmpegError.check(av_write_trailer(context), "finish segment");
        } finally {
            try {
                if (hashed != null) {
                    hashed.close();
                } else {
                    avio_closep(context.pb());
                }
            } finally {
                avformat_free_context(context);
                av_packet_free(scratch);
            }
        }
    }

    /** The SM3 of the file as written, once closed; null for a muxer made by {@link #create}. */
    public String sm3() {
        return hashed == null ? null : hashed.sm3();
    }

    /** The file's length as written, once closed (hashed muxers only). */
    public long bytes() {
        return hashed == null ? -1 : hashed.bytes();
    }

    private static void closeQuietly(HashingFileOutput output) {
        try {
            output.close();
        } catch (IOException ignored) {
            // The muxer was never handed out; its creation error is the one worth reporting.
        }
    }
}
