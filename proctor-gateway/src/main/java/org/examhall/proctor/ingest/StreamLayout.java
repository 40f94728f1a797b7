package org.examhall.proctor.ingest;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The streams of one connection that the gateway keeps: the first video and the first audio stream
 * (audio may be absent on a misconfigured camera; that is itself flagged). Valid until the source closes.
 */
public record StreamLayout(
        int videoIndex,
        AVCodecParameters video,
        AVRational videoTimeBase,
        int audioIndex,
        AVCodecParameters audio,
        AVRational audioTimeBase) {

    public boolean hasAudio() {
        return audioIndex >= 0;
    }

    public boolean isVideo(int streamIndex) {
        return streamIndex == videoIndex;
    }

    public boolean isAudio(int streamIndex) {
        return audioIndex >= 0 && streamIndex == audioIndex;
    }

    public AVRational timeBase(int streamIndex) {
        return isVideo(streamIndex) ? videoTimeBase : audioTimeBase;
    }
}
