package org.examhall.load.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.config.DetectionSettings;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.demo.SceneEncoder;
import org.examhall.proctor.demo.SceneEvent;
import org.examhall.proctor.detect.AnomalyEmitter;
import org.examhall.proctor.detect.ClipLinks;
import org.examhall.proctor.detect.DetectionPipeline;
import org.examhall.proctor.ingest.PacketSink;
import org.examhall.proctor.ingest.StreamLayout;

/**
 * CPU per archived stream: the gateway's archive path against {@code ffmpeg -c copy -f segment}, on the same
 * generated 1080p H.264 4 Mbit/s + AAC input, in the same run. K looping senders (bundled ffmpeg, {@code -re})
 * push MPEG-TS over UDP on loopback to K gateway ingests in this JVM and K more to K ffmpeg segmenters. The
 * JVM's process CPU (JIT and GC included) is compared with the segmenters' CPU read from /proc; the senders
 * are separate processes and are not counted. Then, one after the other: the ingest alone (receiving and
 * demuxing, nothing kept) and the detectors, so their own cost can be told apart.
 *
 * <pre>
 * java -cp load-tests/target/load-tests.jar:... org.examhall.load.video.ArchiveCpuBenchmark [streams] [seconds] [workDir]
 * </pre>
 */
public final class ArchiveCpuBenchmark {

    private static final int BASE_PORT = 24000;
    private static final int INPUT_SECONDS = 30;

    private ArchiveCpuBenchmark() {}

    public static void main(String[] args) throws Exception {
        av_log_set_level(AV_LOG_FATAL);
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path work = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "load-tests/target/video-benchmark"));
        BundledFfmpeg ffmpeg = BundledFfmpeg.locate(work);
        Path input = input(work);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("%d streams of %s for %d s on %d cores%n", streams, input, seconds, cores);

        List<Process> processes = new ArrayList<>();
        try {
            List<Process> segmenters = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                processes.add(send(ffmpeg, input, BASE_PORT + i, work));
                processes.add(send(ffmpeg, input, BASE_PORT + 100 + i, work));
                Path out = Files.createDirectories(work.resolve("ffmpeg-segments/" + i));
                Process segmenter = ffmpeg.start(
                        List.of(
                                "-hide_banner",
                                "-loglevel",
                                "error",
                                "-i",
                                "udp://127.0.0.1:" + (BASE_PORT + 100 + i) + "?fifo_size=278876&overrun_nonfatal=1",
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
                                out.resolve("seg-%05d.ts").toString()),
                        work.resolve("segmenter-" + i + ".log"));
                segmenters.add(segmenter);
                processes.add(segmenter);
            }
            ArchivePath archive = new ArchivePath(work.resolve("gateway-archive"));
            double gateway = IngestCpu.measure(
                    "gateway archive path",
                    streams,
                    seconds,
                    ArchiveCpuBenchmark::udpSource,
                    archive::sinks,
                    segmenters);
            archive.close();
            segmenters.forEach(Process::destroy);

            double demux = IngestCpu.measure(
                    "gateway ingest only (receive + demux)",
                    streams,
                    seconds,
                    ArchiveCpuBenchmark::udpSource,
                    i -> List.of(new NullSink()),
                    List.of());
            DetectionSettings detection = DetectionSettings.defaults();
            double detect = IngestCpu.measure(
                    "detectors (ingest + key-frame decode + audio decode)",
                    streams,
                    seconds,
                    ArchiveCpuBenchmark::udpSource,
                    i -> List.of(new DetectionPipeline(
                            detection,
                            null,
                            new AnomalyEmitter(
                                    "bench", "room" + i, "cam1", a -> {}, new ClipLinks("http://localhost")))),
                    List.of());
            double sm3 = Sm3Cost.percentOfCorePerStream(input, INPUT_SECONDS);
            System.out.printf(
                    "%-55s %6.2f %% of a core per stream (in the archive path, not in ffmpeg's)%n",
                    "SM3 of every archived byte", sm3);
            System.out.printf(
                    "%nresult: archive path %.2f %% of a core per stream, %.2f %% of it SM3; detectors %.2f %% "
                            + "on top of the %.2f %% every ingest costs%n",
                    gateway, sm3, detect - demux, demux);
        } finally {
            processes.forEach(Process::destroy);
        }
    }

    private static SourceConfig udpSource(int i) {
        return new SourceConfig("cam1", SourceType.UDP_TS, "udp://127.0.0.1:" + (BASE_PORT + i), Map.of());
    }

    private static Process send(BundledFfmpeg ffmpeg, Path input, int port, Path work) throws Exception {
        return ffmpeg.start(
                List.of(
                        "-hide_banner",
                        "-loglevel",
                        "error",
                        "-re",
                        "-stream_loop",
                        "-1",
                        "-i",
                        input.toString(),
                        "-c",
                        "copy",
                        "-f",
                        "mpegts",
                        "udp://127.0.0.1:" + port + "?pkt_size=1316"),
                work.resolve("sender-" + port + ".log"));
    }

    /** The benchmark input: generated once, 1080p25 H.264 at 4 Mbit/s with AAC, one key frame a second. */
    private static Path input(Path work) throws Exception {
        Path input = work.resolve("input-1080p-4M.ts");
        if (!Files.exists(input)) {
            System.out.println("generating " + input + " (once)...");
            Path partial = work.resolve("input.partial.ts");
            new SceneEncoder(
                            new SceneEncoder.Settings(1920, 1080, 25, 4_000_000, 48_000, AV_CODEC_ID_AAC, "mpegts"),
                            "benchmark",
                            ZoneId.of("Asia/Shanghai"),
                            List.of(new SceneEvent(SceneEvent.Kind.SPEECH, 5, 12)),
                            1)
                    .encode(partial.toString(), INPUT_SECONDS, false, Clock.systemUTC(), () -> true);
            Files.move(partial, input);
        }
        return input;
    }

    /** Receives and demuxes, keeps nothing: the floor under every gateway path. */
    private static final class NullSink implements PacketSink {
        @Override
        public void start(StreamLayout layout, Instant at) {}

        @Override
        public void accept(AVPacket packet, Instant at) {}

        @Override
        public void stop(Instant at) {}
    }
}
