package org.examhall.proctor.demo;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FrameRecorder;
import org.examhall.proctor.log.LogEvent;

/**
 * A stand-in for a room camera: streams the generated scene as MPEG-TS over UDP, in real time, for as long
 * as it runs. Someone speaks for 6 s of every 45 s so the talking detector has something to find in the
 * demo. Each loop is a new encoder session, like a camera rebooting, which the gateway takes in its stride.
 */
public final class DemoCamera implements Runnable {

    private static final System.Logger LOG = System.getLogger(DemoCamera.class.getName());
    private static final double LOOP_SECONDS = 900;

    private final String url;
    private final String label;
    private final ZoneId zone;
    private final SceneEncoder.Settings settings;
    private volatile boolean running = true;

    public DemoCamera(String url, String label, ZoneId zone, SceneEncoder.Settings settings) {
        this.url = url;
        this.label = label;
        this.zone = zone;
        this.settings = settings;
    }

    /** The demo's script: speech from 30 s to 36 s of every 45 s. */
    static List<SceneEvent> script() {
        List<SceneEvent> events = new ArrayList<>();
        for (double t = 30; t < LOOP_SECONDS; t += 45) {
            events.add(new SceneEvent(SceneEvent.Kind.SPEECH, t, t + 6));
        }
        return events;
    }

    @Override
    public void run() {
        long seed = 1;
        while (running) {
            try {
                new SceneEncoder(settings, label, zone, script(), seed++)
                        .encode(url, LOOP_SECONDS, true, Clock.systemUTC(), () -> running);
            } catch (FrameRecorder.Exception e) {
                LogEvent.of("demo_camera_failed")
                        .with("camera", label)
                        .with("error", e.getMessage())
                        .log(LOG, System.Logger.Level.WARNING);
                sleepQuietly();
            }
        }
    }

    public void stop() {
        running = false;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
