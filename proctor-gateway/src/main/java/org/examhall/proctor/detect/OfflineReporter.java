package org.examhall.proctor.detect;

import java.time.Instant;
import org.examhall.proctor.ingest.ConnectionListener;

/**
 * Flags a camera that delivers nothing: raised as soon as the ingest gives up on a stalled or broken
 * connection (which takes the configured offline time), and ended when media flows again.
 */
public final class OfflineReporter implements ConnectionListener {

    private final AnomalyEmitter emitter;
    private volatile boolean everConnected;

    public OfflineReporter(AnomalyEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void connected(String camera, Instant at) {
        everConnected = true;
        emitter.ended(AnomalyType.CAMERA_OFFLINE, at, 1.0);
    }

    @Override
    public void disconnected(String camera, Instant lastMediaAt, String reason) {
        emitter.started(
                AnomalyType.CAMERA_OFFLINE, lastMediaAt, 1.0, Detail.because("摄像头断开", "camera disconnected", reason));
    }

    /** Called once the offline time has passed after start-up: a camera never heard from is offline too. */
    public void checkStartup(Instant gatewayStart) {
        if (!everConnected) {
            emitter.started(
                    AnomalyType.CAMERA_OFFLINE,
                    gatewayStart,
                    1.0,
                    new Detail("网关启动以来一直未连上摄像头", "no connection since the gateway started"));
        }
    }
}
