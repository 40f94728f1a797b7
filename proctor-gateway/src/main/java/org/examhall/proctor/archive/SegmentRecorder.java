package org.examhall.proctor.archive;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.ingest.PacketSink;
import org.examhall.proctor.ingest.PacketSource;
import org.examhall.proctor.ingest.StreamLayout;
import org.examhall.proctor.manifest.ManifestBook;
import org.examhall.proctor.manifest.SegmentRecord;
import org.examhall.proctor.manifest.Sm3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

/**
 * Cuts one camera's packets into archive segments without re-encoding. A segment ends at the first video
 * key frame at or after the next multiple of the segment length (on the wall clock), so segments line up
 * with the minutes people name, and each one starts with a key frame and plays on its own.
 */
public final class SegmentRecorder implements PacketSink {

    private final String room;
    private final String camera;
    private final ArchiveLayout layout;
    private final SegmentStore store;
    private final ManifestBook manifests;
    private final long segmentMillis;

    private StreamLayout streams;
    private TsMuxer muxer;
    private String key;
    private Instant start;
    private Instant boundary;
    private Instant last;

    public SegmentRecorder(String room, String camera, ArchiveLayout layout, SegmentStore store, ManifestBook manifests,
                           Duration segmentLength) {
        this.room = room;
        this.camera = camera;
        this.layout = layout;
        this.store = store;
        this.manifests = manifests;
        this.segmentMillis = segmentLength.toMillis();
    }

    @Override
    public void start(StreamLayout streams, Instant at) {
        this.streams = streams;
        open(at);
    }

    @Override
    public void accept(AVPacket packet, Instant at) {
        if (muxer == null) {
            return;
        }
        if (streams.isVideo(packet.stream_index()) && PacketSource.isKeyFrame(packet) && !at.isBefore(boundary)) {
            finish(at);
            open(at);
        }
        try {
            muxer.write(packet);
        } catch (IOException e) {
            throw new UncheckedIOException("camera " + camera + ": cannot write segment " + key, e);
        }
        last = at;
    }

    @Override
    public void stop(Instant at) {
        if (muxer != null) {
            finish(last == null || at.isAfter(last) ? at : last);
        }
    }

    @Override
    public void close() {
        stop(last == null ? Instant.now() : last);
    }

    private void open(Instant at) {
        start = at;
        last = at;
        long millis = at.toEpochMilli();
        boundary = Instant.ofEpochMilli(millis - Math.floorMod(millis, segmentMillis) + segmentMillis);
        key = layout.segmentKey(room, at, camera);
        try {
            muxer = TsMuxer.create(store.stagingFile(key), streams);
        } catch (IOException e) {
            muxer = null;
            throw new UncheckedIOException("camera " + camera + ": cannot start segment " + key, e);
        }
    }

    private void finish(Instant end) {
        TsMuxer closing = muxer;
        muxer = null;
        try {
            closing.close();
            String sm3;
            try (InputStream in = Files.newInputStream(store.stagingFile(key))) {
                sm3 = Sm3.hex(in);
            }
            long bytes = Files.size(store.stagingFile(key));
            store.commit(key);
            manifests.recordSegment(room, SegmentRecord.recorded(camera, layout.segmentPath(camera, start), start, end, bytes, sm3));
        } catch (IOException e) {
            throw new UncheckedIOException("camera " + camera + ": cannot archive segment " + key, e);
        }
    }
}
