package org.examhall.proctor.ingest;

import java.time.Instant;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * A consumer of one camera's compressed packets: the archive, the live view, the detectors. Called on the
 * camera's ingest thread, in stream order; the packet is only borrowed for the duration of the call.
 */
public interface PacketSink extends AutoCloseable {

    /** A connection has started delivering media with these streams. */
    void start(StreamLayout layout, Instant at);

    /**
     * One packet of the video or audio stream.
     *
     * @param at wall-clock time of the packet: connection start plus its media time since the first packet
     */
    void accept(AVPacket packet, Instant at);

    /** The connection ended (camera lost, shut down); finish whatever is open. */
    void stop(Instant at);

    @Override
    default void close() {}
}
