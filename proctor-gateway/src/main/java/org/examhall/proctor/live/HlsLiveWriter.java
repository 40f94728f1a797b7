package org.examhall.proctor.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.archive.TsMuxer;
import org.examhall.proctor.ingest.PacketSink;
import org.examhall.proctor.ingest.PacketSource;
import org.examhall.proctor.ingest.StreamLayout;

/**
 * The live view of one camera: short MPEG-TS segments cut from the same packets as the archive (copied,
 * not re-encoded) and a rolling HLS playlist of the newest few, so the proctor console plays a few seconds
 * behind real time. A reconnection is marked with a discontinuity so players reset their clocks.
 */
public final class HlsLiveWriter implements PacketSink {

    public static final String PLAYLIST = "index.m3u8";
    /** Segments that left the playlist stay this many more on disk for players still fetching them. */
    private static final int LINGER = 3;

    private record Segment(long sequence, double seconds, boolean discontinuity) {}

    private final Path dir;
    private final long segmentMillis;
    private final int window;
    private final Deque<Segment> listed = new ArrayDeque<>();
    private final Deque<Long> onDisk = new ArrayDeque<>();
    private StreamLayout streams;
    private TsMuxer muxer;
    private long sequence;
    private long discontinuitySequence;
    private boolean nextIsDiscontinuity;
    private Instant start;
    private Instant last;

    public HlsLiveWriter(Path dir, Duration segmentLength, int window) {
        this.dir = dir;
        this.segmentMillis = segmentLength.toMillis();
        this.window = window;
        // Numbering from the clock keeps sequences increasing across gateway restarts, which players require.
        this.sequence = System.currentTimeMillis() / 1000;
    }

    @Override
    public void start(StreamLayout streams, Instant at) {
        this.streams = streams;
        nextIsDiscontinuity = !listed.isEmpty();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open(at);
    }

    @Override
    public void accept(AVPacket packet, Instant at) {
        if (muxer == null) {
            return;
        }
        if (streams.isVideo(packet.stream_index())
                && PacketSource.isKeyFrame(packet)
                && Duration.between(start, at).toMillis() >= segmentMillis) {
            finish(at);
            open(at);
        }
        try {
            muxer.write(packet);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        last = at;
    }

    @Override
    public void stop(Instant at) {
        if (muxer != null) {
            finish(last);
        }
    }

    private void open(Instant at) {
        start = at;
        last = at;
        try {
            muxer = TsMuxer.create(dir.resolve(name(sequence)), streams);
        } catch (IOException e) {
            muxer = null;
            throw new UncheckedIOException(e);
        }
    }

    private void finish(Instant end) {
        try {
            muxer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            muxer = null;
        }
        listed.addLast(new Segment(sequence, Duration.between(start, end).toMillis() / 1000.0, nextIsDiscontinuity));
        onDisk.addLast(sequence);
        nextIsDiscontinuity = false;
        sequence++;
        while (listed.size() > window) {
            if (listed.removeFirst().discontinuity()) {
                discontinuitySequence++;
            }
        }
        writePlaylist();
        while (onDisk.size() > window + LINGER) {
            try {
                Files.deleteIfExists(dir.resolve(name(onDisk.removeFirst())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void writePlaylist() {
        double longest = listed.stream().mapToDouble(Segment::seconds).max().orElse(1);
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n")
                .append("#EXT-X-TARGETDURATION:")
                .append((long) Math.ceil(longest))
                .append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:")
                .append(listed.getFirst().sequence())
                .append('\n')
                .append("#EXT-X-DISCONTINUITY-SEQUENCE:")
                .append(discontinuitySequence)
                .append('\n');
        for (Segment s : listed) {
            if (s.discontinuity()) {
                m3u8.append("#EXT-X-DISCONTINUITY\n");
            }
            m3u8.append(String.format(Locale.ROOT, "#EXTINF:%.3f,\n", s.seconds()))
                    .append(name(s.sequence()))
                    .append('\n');
        }
        try {
            // Players poll the playlist; replace it atomically so they never read half of one.
            Path temp = dir.resolve(PLAYLIST + ".tmp");
            Files.writeString(temp, m3u8);
            Files.move(
                    temp, dir.resolve(PLAYLIST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(long sequence) {
        return "seg-" + sequence + ".ts";
    }
}
