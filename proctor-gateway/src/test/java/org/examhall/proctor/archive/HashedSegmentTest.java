package org.examhall.proctor.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.ingest.PacketSource;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.Probe;
import org.examhall.protocol.crypto.Sm3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments are hashed while they are written. The hash must be that of the file on disk, and it must stay so for
 * the thousands of segments a gateway writes in a day: a native write callback per segment ran out after a dozen,
 * and FFmpeg then wrote every later segment as an empty file without an error.
 */
class HashedSegmentTest {

    @TempDir
    Path dir;

    @Test
    void everySegmentOfALongDayHoldsItsMediaAndTheHashOfWhatIsOnDisk() throws Exception {
        Path clip = Clips.generate(dir.resolve("clip.ts"), 2, List.of());
        for (int i = 0; i < 60; i++) {
            Path segment = dir.resolve("segment-" + i + ".ts");
            TsMuxer muxer;
            try (PacketSource source = PacketSource.openFile(clip.toString())) {
                muxer = TsMuxer.createHashed(segment, source.layout());
                AVPacket packet = av_packet_alloc();
                try {
                    while (source.read(packet)) {
                        muxer.write(packet);
                        av_packet_unref(packet);
                    }
                } finally {
                    av_packet_free(packet);
                    muxer.close();
                }
            }
            assertThat(muxer.bytes())
                    .as("segment %d", i)
                    .isEqualTo(Files.size(segment))
                    .isGreaterThan(10_000);
            assertThat(muxer.sm3()).as("segment %d", i).isEqualTo(Sm3.hex(segment));
        }
        Probe last = Probe.of(dir.resolve("segment-59.ts"));
        assertThat(last.hasVideo()).isTrue();
        assertThat(last.hasAudio()).isTrue();
    }
}
