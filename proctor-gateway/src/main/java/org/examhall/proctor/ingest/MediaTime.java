package org.examhall.proctor.ingest;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import org.bytedeco.ffmpeg.avutil.AVRational;

/** Converts stream timestamps to microseconds, the one time unit the gateway's own code uses. */
public final class MediaTime {

    private static final AVRational MICROSECONDS = av_make_q(1, 1_000_000);

    private MediaTime() {}

    /** {@code ts} in {@code timeBase} as microseconds; "no timestamp" stays {@code AV_NOPTS_VALUE}. */
    public static long micros(long ts, AVRational timeBase) {
        return ts == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : av_rescale_q(ts, timeBase, MICROSECONDS);
    }
}
