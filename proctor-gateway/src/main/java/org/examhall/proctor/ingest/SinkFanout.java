package org.examhall.proctor.ingest;

import java.time.Instant;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.log.CameraRef;

/**
 * Hands each packet to every sink in turn, isolating them: a detector or live writer that throws must not
 * stop the archive. A failed sink is stopped, so it closes what it has open, and started again at the next
 * video key frame: one refused packet costs it a few seconds, never the rest of the connection.
 */
final class SinkFanout {

    private static final System.Logger LOG = System.getLogger(SinkFanout.class.getName());

    private final CameraRef camera;
    private final List<PacketSink> sinks;
    private final boolean[] failed;
    private StreamLayout layout;

    SinkFanout(CameraRef camera, List<PacketSink> sinks) {
        this.camera = camera;
        this.sinks = List.copyOf(sinks);
        this.failed = new boolean[sinks.size()];
    }

    void start(StreamLayout layout, Instant at) {
        this.layout = layout;
        for (int i = 0; i < sinks.size(); i++) {
            failed[i] = false;
            PacketSink sink = sinks.get(i);
            run(i, at, () -> sink.start(layout, at));
        }
    }

    void accept(AVPacket packet, Instant at) {
        boolean keyFrame = layout.isVideo(packet.stream_index()) && PacketSource.isKeyFrame(packet);
        for (int i = 0; i < sinks.size(); i++) {
            PacketSink sink = sinks.get(i);
            if (failed[i]) {
                if (!keyFrame) {
                    continue;
                }
                failed[i] = false;
                camera.event("sink_restarted")
                        .with("sink", sink.getClass().getSimpleName())
                        .log(LOG, System.Logger.Level.INFO);
                if (!run(i, at, () -> sink.start(layout, at))) {
                    continue;
                }
            }
            run(i, at, () -> sink.accept(packet, at));
        }
    }

    void stop(Instant at) {
        for (int i = 0; i < sinks.size(); i++) {
            PacketSink sink = sinks.get(i);
            if (!failed[i]) {
                run(i, at, () -> sink.stop(at));
            }
        }
    }

    void close() {
        for (int i = 0; i < sinks.size(); i++) {
            PacketSink sink = sinks.get(i);
            run(i, null, sink::close);
        }
    }

    /** @return whether the action succeeded; if not, the sink is stopped and waits for the next key frame */
    private boolean run(int index, Instant at, Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            PacketSink sink = sinks.get(index);
            camera.event("sink_failed")
                    .with("sink", sink.getClass().getSimpleName())
                    .with("error", e.getMessage())
                    .with("note_en", "restarted at the next key frame")
                    .log(LOG, System.Logger.Level.ERROR, e);
            if (!failed[index] && at != null) {
                failed[index] = true;
                try {
                    sink.stop(at);
                } catch (RuntimeException ignored) {
                    // Already reported above; what was open is lost either way, and the restart opens anew.
                }
            }
            return false;
        }
    }
}
