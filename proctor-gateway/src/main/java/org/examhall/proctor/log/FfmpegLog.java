package org.examhall.proctor.log;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;

/**
 * FFmpeg's own messages ({@code [rtsp @ 0x…] method SETUP failed: 461 Unsupported transport}) as one-line events of
 * the gateway's log, naming the camera: each camera's FFmpeg calls run on that camera's ingest thread, which says
 * which camera it serves through {@link #forCamera}.
 */
public final class FfmpegLog extends LogCallback {

    private static final System.Logger LOG = System.getLogger("org.examhall.proctor.ffmpeg");
    private static final ThreadLocal<CameraRef> CAMERA = new ThreadLocal<>();
    /** One native entry point for the whole process; JavaCPP has only a few per callback class. */
    private static final FfmpegLog INSTANCE = new FfmpegLog();

    private FfmpegLog() {}

    /** Routes FFmpeg's log into the gateway's; its level ({@code av_log_set_level}) still decides what is kept. */
    public static void install() {
        setLogCallback(INSTANCE);
    }

    /** FFmpeg messages from this thread are about {@code camera}. */
    public static void forCamera(CameraRef camera) {
        CAMERA.set(camera);
    }

    @Override
    public void call(int level, BytePointer message) {
        if (level > av_log_get_level()) {
            return;
        }
        // FFmpeg names the URL in some of its messages, credentials and all.
        String text = Passwords.masked(message.getString().strip());
        if (text.isEmpty()) {
            return;
        }
        CameraRef camera = CAMERA.get();
        (camera == null ? LogEvent.of("ffmpeg") : camera.event("ffmpeg"))
                .with("message", text)
                .log(
                        LOG,
                        level <= AV_LOG_ERROR
                                ? System.Logger.Level.ERROR
                                : level <= AV_LOG_WARNING ? System.Logger.Level.WARNING : System.Logger.Level.INFO);
    }
}
