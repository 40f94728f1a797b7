package org.examhall.proctor.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.ingest.PacketSink;
import org.examhall.proctor.ingest.PacketSource;
import org.examhall.proctor.ingest.StreamLayout;
import org.examhall.proctor.log.CameraRef;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.ManifestBook;
import org.examhall.proctor.manifest.SegmentRecord;
import org.examhall.protocol.crypto.Sm3;

/**
 * Cuts one camera's packets into archive segments without re-encoding. A segment ends at the first video
 * key frame at or after the next multiple of the segment length (on the wall clock), so segments line up
 * with the minutes people name, and each one starts with a key frame and plays on its own.
 *
 * <p>A write that fails (a packet the muxer refuses, a full or broken disk) never stops the archive until
 * the next connection: what the open segment holds is kept and listed as interrupted, the time until the
 * next key frame is recorded as a gap with its reason, and a new segment starts at that key frame. While
 * nothing can be written the {@link ArchiveHealth} says so.
 */
public final class SegmentRecorder implements PacketSink {

    private static final System.Logger LOG = System.getLogger(SegmentRecorder.class.getName());

    private final CameraRef camera;
    private final ArchiveLayout layout;
    private final SegmentStore store;
    private final ManifestBook manifests;
    private final long segmentMillis;
    private final ArchiveHealth health;

    private StreamLayout streams;
    private TsMuxer muxer;
    private String key;
    private Instant start;
    private Instant boundary;
    private Instant last;
    /** Since when nothing has been written, and why; null while the archive takes every packet. */
    private Instant failedSince;

    private String failure;
    private boolean reportedFailing;

    public SegmentRecorder(
            CameraRef camera,
            ArchiveLayout layout,
            SegmentStore store,
            ManifestBook manifests,
            Duration segmentLength,
            ArchiveHealth health) {
        this.camera = camera;
        this.layout = layout;
        this.store = store;
        this.manifests = manifests;
        this.segmentMillis = segmentLength.toMillis();
        this.health = health;
    }

    public SegmentRecorder(
            String room,
            String camera,
            ArchiveLayout layout,
            SegmentStore store,
            ManifestBook manifests,
            Duration segmentLength) {
        this(new CameraRef(layout.site(), room, camera), layout, store, manifests, segmentLength, ArchiveHealth.NONE);
    }

    @Override
    public void start(StreamLayout streams, Instant at) {
        this.streams = streams;
        try {
            open(at);
            resumed(at);
        } catch (IOException e) {
            fail(at, e);
        }
    }

    @Override
    public void accept(AVPacket packet, Instant at) {
        if (streams == null) {
            return;
        }
        boolean keyFrame = streams.isVideo(packet.stream_index()) && PacketSource.isKeyFrame(packet);
        try {
            if (muxer == null) {
                if (failedSince == null || !keyFrame) {
                    return;
                }
                open(at);
                resumed(at);
            } else if (keyFrame && !at.isBefore(boundary)) {
                finish(at, null);
                open(at);
            }
            muxer.write(packet);
            last = at;
        } catch (IOException e) {
            fail(at, e);
        }
    }

    @Override
    public void stop(Instant at) {
        Instant end = last == null || at.isAfter(last) ? at : last;
        if (muxer != null) {
            try {
                finish(end, null);
            } catch (IOException e) {
                fail(end, e);
            }
        }
        if (failedSince != null) {
            // The connection's end closes the stretch the archive missed; the camera's own gap follows it.
            recordMissed(end);
        }
        streams = null;
    }

    @Override
    public void close() {
        if (streams != null) {
            stop(last == null ? Instant.now() : last);
        }
    }

    private void open(Instant at) throws IOException {
        start = at;
        last = at;
        long millis = at.toEpochMilli();
        boundary = Instant.ofEpochMilli(millis - Math.floorMod(millis, segmentMillis) + segmentMillis);
        key = layout.segmentKey(camera.room(), at, camera.camera());
        muxer = TsMuxer.createHashed(store.stagingFile(key), streams);
    }

    /**
     * Closes, hashes and commits the open segment and lists it in the manifest.
     *
     * @param interruption why the segment ends early, or null for a segment that ran its course
     */
    private void finish(Instant end, String interruption) throws IOException {
        TsMuxer closing = muxer;
        muxer = null;
        String sm3;
        long bytes;
        try {
            closing.close();
            sm3 = closing.sm3();
            bytes = closing.bytes();
        } catch (IOException e) {
            if (interruption == null) {
                throw e;
            }
            // The end could not be written, but TS needs no trailer: what reached the disk still plays.
            Path staged = store.stagingFile(key);
            sm3 = Sm3.hex(staged);
            bytes = Files.size(staged);
        }
        store.commit(key);
        String path = layout.segmentPath(camera.camera(), start);
        manifests.recordSegment(
                camera.room(),
                interruption == null
                        ? SegmentRecord.recorded(camera.camera(), path, start, end, bytes, sm3)
                        : SegmentRecord.interrupted(camera.camera(), path, start, end, bytes, sm3, interruption));
    }

    private void fail(Instant at, IOException e) {
        if (failedSince == null) {
            failedSince = last != null ? last : at;
            failure = e.getMessage();
        }
        if (muxer != null) {
            try {
                finish(last, "archive write failed: " + e.getMessage());
            } catch (IOException | RuntimeException kept) {
                // Left as .part: the next start's recovery lists whatever of it plays.
                camera.event("archive_segment_not_closed")
                        .with("segment", key)
                        .with("error", kept.getMessage())
                        .log(LOG, System.Logger.Level.ERROR);
            }
        }
        if (!reportedFailing) {
            reportedFailing = true;
            camera.event("archive_failing")
                    .with("since", failedSince)
                    .with("error", failure)
                    .with("note_zh", "录像写入失败，已保留已写部分，将在下一个关键帧重新开始")
                    .with(
                            "note_en",
                            "archive write failed; what was written is kept and recording restarts at the next key frame")
                    .log(LOG, System.Logger.Level.ERROR, e);
            health.failing(camera.camera(), failedSince, failure);
        }
    }

    private void resumed(Instant at) {
        if (failedSince != null) {
            recordMissed(at);
        }
        if (reportedFailing) {
            reportedFailing = false;
            camera.event("archive_recovered").with("at", at).log(LOG, System.Logger.Level.INFO);
            health.recovered(camera.camera(), at);
        }
    }

    private void recordMissed(Instant until) {
        if (until.isAfter(failedSince)) {
            manifests.recordGap(camera.room(), camera.camera(), failedSince, until, "archive write failed: " + failure);
        }
        failedSince = null;
    }
}
