package org.examhall.proctor.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An encoder that pushes to the gateway: the ffmpeg CLI sending a file in real time, over and over, without
 * re-encoding. A camera retries when the gateway is not listening yet or drops it, so this does too: a shell loop
 * starts ffmpeg again half a second after it exits. {@link #kill()} ends the loop and ffmpeg together.
 *
 * <p>What each container carries: FLV (RTMP) H.264 with AAC or G.711, not H.265 (ffmpeg 5.1 predates enhanced
 * RTMP); MPEG-TS (SRT, UDP) H.264 or H.265 with AAC, not G.711.
 */
public final class FfmpegPusher implements ExternalMedia {

    private static final String RETRY_LOOP =
            "while true; do \"$@\"; echo \"ffmpeg exited with status $?; again in 0.5 s\"; sleep 0.5; done";

    private final ExternalServer process;

    private FfmpegPusher(ExternalServer process) {
        this.process = process;
    }

    /** Publishes to {@code rtmp://127.0.0.1:port/app/stream}, e.g. {@code streamPath} "live/cam1". */
    public static FfmpegPusher rtmp(Path file, int port, String streamPath) {
        return start("rtmp-push-" + port, file, "flv", "rtmp://127.0.0.1:" + port + "/" + streamPath);
    }

    /** Connects to an SRT listener as caller. */
    public static FfmpegPusher srt(Path file, int port) {
        return start("srt-push-" + port, file, "mpegts", "srt://127.0.0.1:" + port + "?mode=caller");
    }

    /** Sends MPEG-TS datagrams of seven TS packets each, as IP encoders do. */
    public static FfmpegPusher udp(Path file, int port) {
        return start("udp-push-" + port, file, "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316");
    }

    /**
     * Like {@link #udp}, from an encoder whose clock is {@code offset} ahead: its timestamps continue from the
     * file's own plus the offset ({@code -copyts} keeps them, where ffmpeg would otherwise start again near zero).
     */
    public static FfmpegPusher udpWithClockOffset(Path file, int port, Duration offset) {
        return start(
                "udp-push-offset-" + port,
                file,
                "mpegts",
                "udp://127.0.0.1:" + port + "?pkt_size=1316",
                "-copyts",
                "-output_ts_offset",
                String.valueOf(offset.toSeconds()));
    }

    private static FfmpegPusher start(String name, Path file, String format, String url, String... outputOptions) {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "-c",
                RETRY_LOOP,
                name,
                "ffmpeg",
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "warning",
                // -re paces reading at the file's frame rate; -stream_loop keeps timestamps rising across repeats.
                "-re",
                "-stream_loop",
                "-1",
                "-i",
                file.toAbsolutePath().toString(),
                "-c",
                "copy"));
        command.addAll(List.of(outputOptions));
        command.addAll(List.of("-f", format, url));
        return new FfmpegPusher(ExternalServer.start(name, command, ExternalServer.Readiness.started()));
    }

    /** The encoder reboots: killed, and pushing again from the start of the file. */
    @Override
    public void restart() {
        process.kill();
        process.restart();
    }

    @Override
    public ExternalServer process() {
        return process;
    }
}
