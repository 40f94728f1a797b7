package org.examhall.load.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;

/**
 * CPU per archived stream on the path site cameras take: K streams of 1080p25 H.264 at 4 Mbit/s with AAC, served
 * by GStreamer's RTSP server (Debian's, the script the gateway's tests use) and pulled over RTSP with TCP
 * interleaving, both by K gateway ingests in this JVM writing the archive (SM3 and manifest included) and by K
 * {@code ffmpeg -rtsp_transport tcp -i … -c copy -f segment} processes, measured in the same window. The server's
 * own CPU is counted for neither. Needs {@code ffmpeg} and the GStreamer packages that {@code .ci/run} installs.
 *
 * <pre>
 * java -cp load-tests/target/classes:$(cat load-tests/target/cp.txt) org.examhall.load.video.RtspArchiveCpuBenchmark [streams] [seconds] [workDir]
 * </pre>
 */
public final class RtspArchiveCpuBenchmark {

    private static final Path SERVER_SCRIPT = Path.of("proctor-gateway/src/test/resources/rtsp/gst_rtsp_server.py");
    private static final int PORT = 25554;
    private static final int INPUT_SECONDS = 30;

    private RtspArchiveCpuBenchmark() {}

    public static void main(String[] args) throws Exception {
        av_log_set_level(AV_LOG_FATAL);
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path work = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "load-tests/target/rtsp-benchmark"));
        Path input = input(work);
        System.out.printf(
                "%d RTSP streams of %s from GStreamer's server for %d s on %d cores%n",
                streams, input, seconds, Runtime.getRuntime().availableProcessors());
        List<Process> processes = new ArrayList<>();
        try {
            processes.add(server(input, streams, work));
            List<Process> segmenters = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                Path out = Files.createDirectories(work.resolve("ffmpeg-segments/" + i));
                Process segmenter = new ProcessBuilder(
                                "ffmpeg",
                                "-hide_banner",
                                "-nostdin",
                                "-loglevel",
                                "error",
                                "-rtsp_transport",
                                "tcp",
                                "-i",
                                url(i),
                                "-map",
                                "0",
                                "-c",
                                "copy",
                                "-f",
                                "segment",
                                "-segment_time",
                                "60",
                                "-segment_format",
                                "mpegts",
                                "-reset_timestamps",
                                "0",
                                out.resolve("seg-%05d.ts").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("segmenter-" + i + ".log").toFile())
                        .start();
                segmenters.add(segmenter);
                processes.add(segmenter);
            }
            double gateway;
            try (ArchivePath archive = new ArchivePath(work.resolve("gateway-archive"))) {
                gateway = IngestCpu.measure(
                        "gateway archive path over RTSP/TCP",
                        streams,
                        seconds,
                        i -> new SourceConfig("cam1", SourceType.RTSP, url(i), Map.of("rtsp_transport", "tcp")),
                        archive::sinks,
                        segmenters);
            }
            double sm3 = Sm3Cost.percentOfCorePerStream(input, INPUT_SECONDS);
            System.out.printf(
                    "%-55s %6.2f %% of a core per stream (in the archive path, not in ffmpeg's)%n",
                    "SM3 of every archived byte", sm3);
            System.out.printf(
                    "%-55s %6.2f %% of a core per stream%n", "gateway archive path less its SM3", gateway - sm3);
        } finally {
            for (Process process : processes) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String url(int stream) {
        return "rtsp://127.0.0.1:" + PORT + "/room" + stream;
    }

    /** One shared pipeline per mount, so the gateway and ffmpeg pulling the same mount get the same packets. */
    private static Process server(Path input, int streams, Path work) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/python3",
                SERVER_SCRIPT.toString(),
                "--file",
                input.toString(),
                "--port",
                String.valueOf(PORT),
                "--video",
                "h264",
                "--audio",
                "aac",
                "--loop",
                "--shared",
                "--protocols",
                "tcp"));
        for (int i = 0; i < streams; i++) {
            command.addAll(List.of("--mount", "/room" + i));
        }
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        int ready = 0;
        while (ready < streams && (line = out.readLine()) != null) {
            if (line.startsWith("READY")) {
                ready++;
            } else if (line.startsWith("FAILED")) {
                throw new IOException("GStreamer's RTSP server did not start: " + line);
            }
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "rtsp-server-log");
        drain.setDaemon(true);
        drain.start();
        return server;
    }

    /**
     * 1080p25 H.264 Main at 4 Mbit/s with 48 kHz AAC, a key frame a second and no B-frames, as IP cameras are set
     * (and as {@code ffmpeg -c copy} can record from RTSP: it cannot write the first B-frame stream packet RTP gives
     * it without a timestamp). Made once with Debian's {@code ffmpeg}.
     */
    private static Path input(Path work) throws IOException, InterruptedException {
        Path input = work.resolve("input-1080p-4M.mkv");
        if (!Files.exists(input)) {
            System.out.println("generating " + input + " (once)...");
            Path partial = work.resolve("input.partial.mkv");
            Process encode = new ProcessBuilder(
                            "ffmpeg",
                            "-hide_banner",
                            "-nostdin",
                            "-loglevel",
                            "error",
                            "-y",
                            "-f",
                            "lavfi",
                            "-i",
                            "testsrc2=size=1920x1080:rate=25",
                            "-f",
                            "lavfi",
                            "-i",
                            "sine=frequency=300:sample_rate=48000",
                            "-t",
                            String.valueOf(INPUT_SECONDS),
                            "-c:v",
                            "libx264",
                            "-preset",
                            "veryfast",
                            "-profile:v",
                            "main",
                            "-bf",
                            "0",
                            "-b:v",
                            "4M",
                            "-maxrate",
                            "4M",
                            "-bufsize",
                            "8M",
                            "-g",
                            "25",
                            "-keyint_min",
                            "25",
                            "-sc_threshold",
                            "0",
                            "-pix_fmt",
                            "yuv420p",
                            "-c:a",
                            "aac",
                            "-b:a",
                            "64k",
                            "-ac",
                            "1",
                            partial.toString())
                    .inheritIO()
                    .start();
            if (encode.waitFor() != 0) {
                throw new IOException("ffmpeg could not make the benchmark input");
            }
            Files.move(partial, input);
        }
        return input;
    }
}
