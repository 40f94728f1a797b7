package org.examhall.proctor.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;

/** FFmpeg's short codec names (h264, hevc, aac, pcm_alaw), as operators see them in ffprobe. */
final class CodecNames {

    private CodecNames() {}

    static String of(AVCodecParameters parameters) {
        return avcodec_get_name(parameters.codec_id()).getString();
    }
}
