package org.examhall.proctor.archive;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.time.Duration;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.ingest.MediaTime;
import org.examhall.proctor.ingest.PacketSource;
import org.examhall.proctor.ingest.StreamLayout;

/**
 * How much playable video a segment file holds, measured by reading its packets (the container's own
 * duration field is absent in a segment cut short by a crash).
 */
public final class SegmentProbe {

    private SegmentProbe() {}

    /** The span of video timestamps in the file, or {@link Duration#ZERO} if it holds no readable video. */
    public static Duration videoSpan(String file) {
        long first = AV_NOPTS_VALUE;
        long lastEnd = AV_NOPTS_VALUE;
        try (PacketSource source = PacketSource.openFile(file)) {
            StreamLayout layout = source.layout();
            AVPacket packet = av_packet_alloc();
            try {
                while (readQuietly(source, packet)) {
                    if (layout.isVideo(packet.stream_index()) && packet.pts() != AV_NOPTS_VALUE) {
                        long pts = MediaTime.micros(packet.pts(), layout.videoTimeBase());
                        long duration = MediaTime.micros(packet.duration(), layout.videoTimeBase());
                        first = first == AV_NOPTS_VALUE ? pts : Math.min(first, pts);
                        lastEnd = lastEnd == AV_NOPTS_VALUE ? pts + duration : Math.max(lastEnd, pts + duration);
                    }
                    av_packet_unref(packet);
                }
            } finally {
                av_packet_free(packet);
            }
        } catch (IOException | RuntimeException e) {
            return first == AV_NOPTS_VALUE ? Duration.ZERO : Duration.ofNanos((lastEnd - first) * 1000);
        }
        return first == AV_NOPTS_VALUE ? Duration.ZERO : Duration.ofNanos((lastEnd - first) * 1000);
    }

    /** A truncated file ends in a read error rather than EOF; both mean "no more packets" here. */
    private static boolean readQuietly(PacketSource source, AVPacket packet) {
        try {
            return source.read(packet);
        } catch (IOException e) {
            return false;
        }
    }
}
