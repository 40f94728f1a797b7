package org.examhall.proctor.testing;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.examhall.proctor.demo.SceneEncoder;
import org.examhall.proctor.demo.SceneEvent;

/** A generated camera pushing MPEG-TS over UDP in real time on a background thread, for as long as asked. */
public final class StreamingCamera implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    private StreamingCamera(int port, double seconds, SceneEncoder.Settings settings, List<SceneEvent> events) {
        SceneEncoder encoder = new SceneEncoder(settings, "test", ZoneId.of("Asia/Shanghai"), events, 7);
        thread = new Thread(
                () -> {
                    try {
                        encoder.encode("udp://127.0.0.1:" + port, seconds, true, Clock.systemUTC(), () -> running);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "test-camera-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    public static StreamingCamera udp(int port, double seconds) {
        return new StreamingCamera(port, seconds, SceneEncoder.Settings.small("mpegts"), List.of());
    }

    public static StreamingCamera udp(
            int port, double seconds, SceneEncoder.Settings settings, List<SceneEvent> events) {
        return new StreamingCamera(port, seconds, settings, events);
    }

    public void awaitEnd() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
