package org.examhall.proctor.clip;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.archive.ArchiveIndex;
import org.examhall.proctor.archive.ArchivedSegment;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.archive.TsMuxer;
import org.examhall.proctor.ingest.MediaTime;
import org.examhall.proctor.ingest.PacketSource;
import org.examhall.proctor.ingest.StreamLayout;
import org.examhall.protocol.crypto.Sm3;

/**
 * Cuts an evidence clip for an incident from the archive, copying packets (no re-encode) from the first
 * key frame at or before the requested start to the requested end. Each source segment is checked against
 * the SM3 its manifest lists before use, so a clip is never cut from altered footage. The clip gets an
 * {@code .sm3} file beside it in the {@code sm3sum} format ("hash  name").
 */
public final class ClipExporter {

    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final ArchiveIndex index;
    private final SegmentStore store;
    private final Path clipsDir;

    public ClipExporter(ArchiveIndex index, SegmentStore store, Path clipsDir) {
        this.index = index;
        this.store = store;
        this.clipsDir = clipsDir;
    }

    public EvidenceClip export(String room, String camera, Instant from, Instant to)
            throws IOException, ClipExportException {
        if (!to.isAfter(from)) {
            throw new ClipExportException("the clip's end must be after its start");
        }
        List<ArchivedSegment> sources = index.range(room, camera, from, to);
        if (sources.isEmpty()) {
            throw new ClipExportException(
                    "nothing was recorded for " + room + "/" + camera + " between " + from + " and " + to);
        }
        for (ArchivedSegment s : sources) {
            String actual;
            try (InputStream in = store.open(index.key(s))) {
                actual = Sm3.hex(in);
            }
            if (!actual.equals(s.sm3())) {
                throw new ClipExportException(
                        "segment " + s.path() + " does not match its manifest hash; run archive-verify");
            }
        }
        Files.createDirectories(clipsDir);
        String id = room + "_" + camera + "_" + NAME_TIME.format(from) + "_" + NAME_TIME.format(to) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        Path file = clipsDir.resolve(id + ".ts");
        Instant[] span = copy(sources, from, to, file);
        String sm3 = Sm3.hex(file);
        Path hashFile = clipsDir.resolve(id + ".ts.sm3");
        Files.writeString(hashFile, sm3 + "  " + file.getFileName() + "\n");
        List<String> used = new ArrayList<>();
        for (ArchivedSegment s : sources) {
            used.add(s.day() + "/" + s.path() + " sm3=" + s.sm3());
        }
        return new EvidenceClip(id, file, hashFile, sm3, Files.size(file), span[0], span[1], used);
    }

    /** Copies the range into {@code out}; returns the first and last packet times actually written. */
    private Instant[] copy(List<ArchivedSegment> sources, Instant from, Instant to, Path out)
            throws IOException, ClipExportException {
        Instant[] span = new Instant[2];
        TsMuxer[] muxer = new TsMuxer[1];
        try {
            for (ArchivedSegment segment : sources) {
                Instant keyAtOrBeforeStart = lastKeyFrameAtOrBefore(segment, from);
                walk(segment, (packet, layout, at) -> {
                    if (at.isAfter(to)) {
                        return false;
                    }
                    if (muxer[0] == null) {
                        boolean startHere = layout.isVideo(packet.stream_index())
                                && PacketSource.isKeyFrame(packet)
                                && (keyAtOrBeforeStart == null || !at.isBefore(keyAtOrBeforeStart));
                        if (!startHere) {
                            return true;
                        }
                        muxer[0] = TsMuxer.create(out, layout);
                        span[0] = at;
                    }
                    muxer[0].write(packet);
                    span[1] = at;
                    return true;
                });
            }
        } finally {
            if (muxer[0] != null) {
                muxer[0].close();
            }
        }
        if (span[0] == null) {
            throw new ClipExportException("no key frame in the requested range");
        }
        return span;
    }

    /** The last key frame at or before {@code at} within the segment, or null if it starts after {@code at}. */
    private Instant lastKeyFrameAtOrBefore(ArchivedSegment segment, Instant at) throws IOException {
        if (!segment.start().isBefore(at)) {
            return null;
        }
        Instant[] found = new Instant[1];
        walk(segment, (packet, layout, t) -> {
            if (t.isAfter(at)) {
                return false;
            }
            if (layout.isVideo(packet.stream_index()) && PacketSource.isKeyFrame(packet)) {
                found[0] = t;
            }
            return true;
        });
        return found[0];
    }

    /** One packet of a segment with its wall-clock time (the segment's start plus the packet's offset in it). */
    @FunctionalInterface
    private interface PacketVisitor {
        /** Returns false to stop reading the segment. */
        boolean visit(AVPacket packet, StreamLayout layout, Instant at) throws IOException;
    }

    /** Reads a segment's timed packets in order; packets without a timestamp cannot be placed and are passed over. */
    private void walk(ArchivedSegment segment, PacketVisitor visitor) throws IOException {
        AVPacket packet = av_packet_alloc();
        try (PacketSource source =
                PacketSource.openFile(store.localCopy(index.key(segment)).toString())) {
            StreamLayout layout = source.layout();
            long base = AV_NOPTS_VALUE;
            boolean more = true;
            while (more && source.read(packet)) {
                try {
                    long micros = MediaTime.micros(packet.pts(), layout.timeBase(packet.stream_index()));
                    if (micros != AV_NOPTS_VALUE) {
                        base = base == AV_NOPTS_VALUE ? micros : base;
                        more = visitor.visit(packet, layout, segment.start().plusNanos((micros - base) * 1000));
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        } finally {
            av_packet_free(packet);
        }
    }
}
