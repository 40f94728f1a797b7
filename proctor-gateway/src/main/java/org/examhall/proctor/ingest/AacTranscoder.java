package org.examhall.proctor.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP2;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INPUT_CHANGED;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_OUTPUT_CHANGED;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_config_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.io.IOException;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swresample.SwrContext;

/**
 * Re-encodes a camera's audio that MPEG-TS cannot carry (G.711 A-law/μ-law, G.726, ...) to AAC at the same
 * sample rate and channel count. Only the audio is touched; video is always copied. The AAC frames keep the
 * source's timestamps, so lip sync survives the transcode.
 */
public final class AacTranscoder implements AutoCloseable {

    private final AVCodecContext decoder;
    private final AVCodecContext encoder;
    /** Made from the first decoded frame: stream headers of G.711 often leave the layout unspecified. */
    private SwrContext resampler;

    private final AVAudioFifo fifo;
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame resampled = av_frame_alloc();
    private final AVFrame chunk = av_frame_alloc();
    private final AVPacket encoded = av_packet_alloc();
    private final AVCodecParameters outputParameters = avcodec_parameters_alloc();
    private final AVRational inputTimeBase;
    private long nextPts = AV_NOPTS_VALUE;

    public AacTranscoder(AVCodecParameters input, AVRational inputTimeBase) throws IOException {
        this.inputTimeBase = av_make_q(inputTimeBase.num(), inputTimeBase.den());
        AVCodec decoderCodec = avcodec_find_decoder(input.codec_id());
        if (decoderCodec == null) {
            throw new IOException("no decoder for audio codec " + input.codec_id());
        }
        decoder = avcodec_alloc_context3(decoderCodec);
        FfmpegError.check(avcodec_parameters_to_context(decoder, input), "audio decoder parameters");
        FfmpegError.check(avcodec_open2(decoder, decoderCodec, (AVDictionary) null), "open audio decoder");

        AVCodec aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
        encoder = avcodec_alloc_context3(aac);
        encoder.sample_fmt(AV_SAMPLE_FMT_FLTP);
        encoder.sample_rate(decoder.sample_rate());
        // Cameras often leave the G.711 layout unspecified; the AAC encoder needs a native one.
        av_channel_layout_default(encoder.ch_layout(), decoder.ch_layout().nb_channels());
        // Speech from a room microphone: 32 kbit/s per channel is plenty for evidence.
        encoder.bit_rate(32_000L * decoder.ch_layout().nb_channels());
        encoder.time_base(av_make_q(1, decoder.sample_rate()));
        FfmpegError.check(avcodec_open2(encoder, aac, (AVDictionary) null), "open AAC encoder");
        FfmpegError.check(avcodec_parameters_from_context(outputParameters, encoder), "AAC parameters");

        fifo = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, encoder.ch_layout().nb_channels(), encoder.frame_size() * 4);
    }

    /** Whether MPEG-TS can carry this audio codec as is. */
    public static boolean tsCanCarry(int codecId) {
        return codecId == AV_CODEC_ID_AAC || codecId == AV_CODEC_ID_MP3 || codecId == AV_CODEC_ID_MP2;
    }

    public AVCodecParameters outputParameters() {
        return outputParameters;
    }

    public AVRational outputTimeBase() {
        return encoder.time_base();
    }

    /**
     * Decodes one source packet and passes every complete AAC packet to {@code out}; the packet handed
     * out is only valid during the call, its stream index is the source's.
     */
    public void transcode(AVPacket source, Consumer<AVPacket> out) throws IOException {
        FfmpegError.check(avcodec_send_packet(decoder, source), "decode audio");
        while (avcodec_receive_frame(decoder, decoded) >= 0) {
            if (nextPts == AV_NOPTS_VALUE && decoded.pts() != AV_NOPTS_VALUE) {
                nextPts = av_rescale_q(decoded.pts(), inputTimeBase, encoder.time_base());
            }
            if (resampler == null) {
                resampler = new SwrContext(null);
                FfmpegError.check(
                        swr_alloc_set_opts2(
                                resampler,
                                encoder.ch_layout(),
                                AV_SAMPLE_FMT_FLTP,
                                encoder.sample_rate(),
                                decoded.ch_layout(),
                                decoded.format(),
                                decoded.sample_rate(),
                                0,
                                null),
                        "audio resampler");
                FfmpegError.check(swr_init(resampler), "init audio resampler");
            }
            resampled.format(AV_SAMPLE_FMT_FLTP);
            resampled.sample_rate(encoder.sample_rate());
            av_channel_layout_copy(resampled.ch_layout(), encoder.ch_layout());
            int converted = swr_convert_frame(resampler, resampled, decoded);
            if (converted == AVERROR_INPUT_CHANGED || converted == AVERROR_OUTPUT_CHANGED) {
                // Some decoders only settle the channel layout after a few frames; follow them.
                FfmpegError.check(swr_config_frame(resampler, resampled, decoded), "reconfigure audio resampler");
                converted = swr_convert_frame(resampler, resampled, decoded);
            }
            FfmpegError.check(converted, "resample audio");
            av_audio_fifo_write(fifo, resampled.extended_data(), resampled.nb_samples());
            av_frame_unref(resampled);
            av_frame_unref(decoded);
            drain(source.stream_index(), out);
        }
    }

    private void drain(int streamIndex, Consumer<AVPacket> out) throws IOException {
        int frameSize = encoder.frame_size();
        while (av_audio_fifo_size(fifo) >= frameSize) {
            if (chunk.buf(0) == null) {
                chunk.nb_samples(frameSize);
                chunk.format(AV_SAMPLE_FMT_FLTP);
                chunk.sample_rate(encoder.sample_rate());
                av_channel_layout_copy(chunk.ch_layout(), encoder.ch_layout());
                FfmpegError.check(av_frame_get_buffer(chunk, 0), "audio frame buffer");
            }
            FfmpegError.check(av_frame_make_writable(chunk), "audio frame buffer");
            av_audio_fifo_read(fifo, chunk.extended_data(), frameSize);
            chunk.pts(nextPts == AV_NOPTS_VALUE ? 0 : nextPts);
            nextPts = chunk.pts() + frameSize;
            FfmpegError.check(avcodec_send_frame(encoder, chunk), "encode AAC");
            while (avcodec_receive_packet(encoder, encoded) >= 0) {
                encoded.stream_index(streamIndex);
                out.accept(encoded);
                av_packet_unref(encoded);
            }
        }
    }

    @Override
    public void close() {
        avcodec_free_context(decoder);
        avcodec_free_context(encoder);
        if (resampler != null) {
            swr_free(resampler);
        }
        av_audio_fifo_free(fifo);
        av_frame_free(decoded);
        av_frame_free(resampled);
        av_frame_free(chunk);
        av_packet_free(encoded);
        avcodec_parameters_free(outputParameters);
    }
}
