package org.examhall.proctor.detect;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.io.IOException;
import java.util.function.ObjIntConsumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.examhall.proctor.ingest.FfmpegError;

/** Decodes the camera's audio and resamples it to 16 kHz mono, 16-bit: the detectors' audio path. */
public final class AudioDecoder implements AutoCloseable {

    private final AVCodecContext decoder;
    private final SwrContext resampler;
    private final AVFrame frame = av_frame_alloc();
    private final AVChannelLayout mono = new AVChannelLayout();
    private ShortPointer out = new ShortPointer(4096);
    private short[] samples = new short[4096];

    public AudioDecoder(AVCodecParameters audio) throws IOException {
        AVCodec codec = avcodec_find_decoder(audio.codec_id());
        if (codec == null) {
            throw new IOException("no decoder for audio codec " + audio.codec_id());
        }
        decoder = avcodec_alloc_context3(codec);
        FfmpegError.check(avcodec_parameters_to_context(decoder, audio), "audio decoder parameters");
        FfmpegError.check(avcodec_open2(decoder, codec, (AVDictionary) null), "open audio decoder");
        av_channel_layout_default(mono, 1);
        resampler = new SwrContext(null);
        FfmpegError.check(
                swr_alloc_set_opts2(
                        resampler,
                        mono,
                        AV_SAMPLE_FMT_S16,
                        AudioAnalyzer.SAMPLE_RATE,
                        decoder.ch_layout(),
                        decoder.sample_fmt(),
                        decoder.sample_rate(),
                        0,
                        null),
                "audio resampler");
        FfmpegError.check(swr_init(resampler), "init audio resampler");
    }

    /** Decodes one packet; {@code out} receives the 16 kHz samples and their count (the array is reused). */
    public void decode(AVPacket packet, ObjIntConsumer<short[]> consumer) {
        if (avcodec_send_packet(decoder, packet) < 0) {
            return;
        }
        while (avcodec_receive_frame(decoder, frame) >= 0) {
            int capacity =
                    (int) ((long) frame.nb_samples() * AudioAnalyzer.SAMPLE_RATE / Math.max(1, frame.sample_rate()))
                            + 256;
            if (capacity > samples.length) {
                out.close();
                out = new ShortPointer(capacity);
                samples = new short[capacity];
            }
            int converted;
            // The varargs PointerPointer constructor mangles typed pointers; fill a one-slot array instead.
            try (PointerPointer<Pointer> dst = new PointerPointer<>(1L)) {
                dst.put(0, out);
                converted = swr_convert(resampler, dst, capacity, frame.extended_data(), frame.nb_samples());
            }
            av_frame_unref(frame);
            if (converted > 0) {
                out.get(samples, 0, converted);
                consumer.accept(samples, converted);
            }
        }
    }

    @Override
    public void close() {
        avcodec_free_context(decoder);
        swr_free(resampler);
        av_frame_free(frame);
        out.close();
    }
}
