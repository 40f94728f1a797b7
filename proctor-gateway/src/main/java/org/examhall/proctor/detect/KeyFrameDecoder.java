package org.examhall.proctor.detect;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONKEY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.examhall.proctor.ingest.FfmpegError;

/**
 * Decodes only the key frames it is given, single-threaded, and scales them to a small grey picture: the
 * cheap video path the detectors need (a fraction of a full decode, see the benchmark).
 */
public final class KeyFrameDecoder implements AutoCloseable {

    private final AVCodecContext decoder;
    private final AVFrame frame = av_frame_alloc();
    private final int targetWidth;
    private SwsContext scaler;
    private BytePointer gray;
    private int width;
    private int height;

    public KeyFrameDecoder(AVCodecParameters video, int targetWidth) throws IOException {
        this.targetWidth = targetWidth;
        AVCodec codec = avcodec_find_decoder(video.codec_id());
        if (codec == null) {
            throw new IOException("no decoder for video codec " + video.codec_id());
        }
        decoder = avcodec_alloc_context3(codec);
        FfmpegError.check(avcodec_parameters_to_context(decoder, video), "video decoder parameters");
        decoder.thread_count(1);
        // Output each key frame as soon as it is decoded instead of holding it for B-frame reordering.
        decoder.flags(decoder.flags() | AV_CODEC_FLAG_LOW_DELAY);
        decoder.skip_frame(AVDISCARD_NONKEY);
        FfmpegError.check(avcodec_open2(decoder, codec, (AVDictionary) null), "open video decoder");
    }

    /** Decodes one key-frame packet; returns the picture, or null if the decoder produced none yet. */
    public GrayFrame decode(AVPacket keyFrame) {
        if (avcodec_send_packet(decoder, keyFrame) < 0) {
            return null;
        }
        GrayFrame result = null;
        while (avcodec_receive_frame(decoder, frame) >= 0) {
            result = scale();
            av_frame_unref(frame);
        }
        return result;
    }

    private GrayFrame scale() {
        if (width == 0) {
            width = targetWidth;
            // Keep the aspect ratio and an even height.
            height = Math.max(2, (int) Math.round((double) frame.height() * targetWidth / frame.width()) & ~1);
            // Padding: SIMD scalers may write a few bytes past the last row.
            gray = new BytePointer((long) width * height + 64);
        }
        scaler = sws_getCachedContext(
                scaler,
                frame.width(),
                frame.height(),
                frame.format(),
                width,
                height,
                AV_PIX_FMT_GRAY8,
                SWS_AREA,
                null,
                null,
                (DoublePointer) null);
        // swscale reads four plane pointers and strides whatever the format; the unused ones are null.
        try (PointerPointer<Pointer> dst = new PointerPointer<>(4L);
                IntPointer stride = new IntPointer(width, 0, 0, 0)) {
            dst.put(0, gray).put(1, (Pointer) null).put(2, (Pointer) null).put(3, (Pointer) null);
            sws_scale(scaler, frame.data(), frame.linesize(), 0, frame.height(), dst, stride);
        }
        byte[] pixels = new byte[width * height];
        gray.get(pixels);
        return new GrayFrame(width, height, pixels);
    }

    @Override
    public void close() {
        avcodec_free_context(decoder);
        av_frame_free(frame);
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        if (gray != null) {
            gray.close();
        }
    }
}
