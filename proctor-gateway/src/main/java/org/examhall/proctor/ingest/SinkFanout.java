package org.examhall.proctor.ingest;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

import java.time.Instant;
import java.util.List;

/**
 * Hands each packet to every sink in turn, isolating them: a detector that throws must not stop the
 * archive, so a failing sink is logged and skipped for the rest of the connection.
 */
final class SinkFanout {

    private static final System.Logger LOG = System.getLogger(SinkFanout.class.getName());

    private final String camera;
    private final List<PacketSink> sinks;
    private final boolean[] failed;

    SinkFanout(String camera, List<PacketSink> sinks) {
        this.camera = camera;
        this.sinks = List.copyOf(sinks);
        this.failed = new boolean[sinks.size()];
    }

    void start(StreamLayout layout, Instant at) {
        for (int i = 0; i < sinks.size(); i++) {
            failed[i] = false;
            PacketSink sink = sinks.get(i);
            run(i, () -> sink.start(layout, at));
        }
    }

    void accept(AVPacket packet, Instant at) {
        for (int i = 0; i < sinks.size(); i++) {
            if (!failed[i]) {
                PacketSink sink = sinks.get(i);
                run(i, () -> sink.accept(packet, at));
            }
        }
    }

    void stop(Instant at) {
        for (int i = 0; i < sinks.size(); i++) {
            PacketSink sink = sinks.get(i);
            if (!failed[i]) {
                run(i, () -> sink.stop(at));
            }
        }
    }

    void close() {
        for (int i = 0; i < sinks.size(); i++) {
            PacketSink sink = sinks.get(i);
            run(i, sink::close);
        }
    }

    private void run(int index, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            failed[index] = true;
            LOG.log(System.Logger.Level.ERROR, "camera " + camera + ": " + sinks.get(index).getClass().getSimpleName()
                    + " failed and is paused until the next connection", e);
        }
    }
}
