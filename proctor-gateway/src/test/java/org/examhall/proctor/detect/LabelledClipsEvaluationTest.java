package org.examhall.proctor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.archive.TsMuxer;
import org.examhall.proctor.config.DetectionSettings;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.demo.SceneEncoder;
import org.examhall.proctor.demo.SceneEvent;
import org.examhall.proctor.demo.SceneEvent.Kind;
import org.examhall.proctor.ingest.CameraIngest;
import org.examhall.proctor.ingest.ConnectionListener;
import org.examhall.proctor.ingest.MediaTime;
import org.examhall.proctor.ingest.PacketSource;
import org.examhall.proctor.log.CameraRef;
import org.examhall.protocol.retry.Backoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detectors against a labelled set of generated clips: known speech, whispering, black and frozen
 * stretches, digital silence and a drop-out at known times, plus noise-only controls (ventilation and
 * typing). Every labelled event must be found within the tolerance; anything else is a false alarm.
 */
class LabelledClipsEvaluationTest {

    /** How far a reported start or end may be from the label, beyond the detector's own decision delay. */
    private static final double TOLERANCE_SECONDS = 2.0;

    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    private static final DetectionSettings SETTINGS = new DetectionSettings(true, 5.0, 3.0, 5.0, 3.0, 1.5, 5.0, 8.0);

    @TempDir
    Path dir;

    record Expected(AnomalyType type, double from, double to) {}

    record Clip(
            String name,
            double seconds,
            List<SceneEvent> scene,
            double[] dropOut,
            List<Expected> expected,
            long seed) {}

    @Test
    void everyLabelledEventIsFoundAndTheControlsStayQuiet() throws Exception {
        List<Clip> clips = List.of(
                new Clip(
                        "speech",
                        60,
                        List.of(
                                new SceneEvent(Kind.SPEECH, 15, 19),
                                new SceneEvent(Kind.SPEECH, 33, 36),
                                new SceneEvent(Kind.WHISPER, 46, 51)),
                        null,
                        List.of(
                                new Expected(AnomalyType.TALKING, 15, 19),
                                new Expected(AnomalyType.TALKING, 33, 36),
                                new Expected(AnomalyType.TALKING, 46, 51)),
                        11),
                new Clip(
                        "picture",
                        60,
                        List.of(new SceneEvent(Kind.BLACK, 12, 22), new SceneEvent(Kind.FROZEN, 32, 46)),
                        null,
                        List.of(
                                new Expected(AnomalyType.BLACK_PICTURE, 12, 22),
                                new Expected(AnomalyType.FROZEN_PICTURE, 32, 46)),
                        12),
                new Clip(
                        "microphone",
                        45,
                        List.of(new SceneEvent(Kind.SILENCE, 15, 26)),
                        null,
                        List.of(new Expected(AnomalyType.AUDIO_LOST, 15, 26)),
                        13),
                new Clip(
                        "drop-out",
                        50,
                        List.of(),
                        new double[] {20, 32},
                        List.of(new Expected(AnomalyType.CAMERA_OFFLINE, 20, 32)),
                        14),
                new Clip("control-a", 60, List.of(), null, List.of(), 21),
                new Clip("control-b", 60, List.of(), null, List.of(), 22));

        int expected = 0;
        int found = 0;
        int falseAlarms = 0;
        int controlAlarms = 0;
        List<String> lines = new ArrayList<>();
        for (Clip clip : clips) {
            Path file = generate(clip);
            List<Anomaly> reported = detect(file);
            List<Anomaly> unmatched = new ArrayList<>(reported);
            for (Expected e : clip.expected()) {
                expected++;
                Anomaly match =
                        reported.stream().filter(a -> matches(a, e)).findFirst().orElse(null);
                if (match != null) {
                    found++;
                    unmatched.remove(match);
                }
                lines.add(String.format(
                        "%-10s %-15s label %5.1f–%5.1f s  %s",
                        clip.name(),
                        e.type(),
                        e.from(),
                        e.to(),
                        match == null
                                ? "MISSED"
                                : String.format(
                                        "found %5.1f–%5.1f s (confidence %.2f)",
                                        seconds(match.startedAt()), seconds(match.endedAt()), match.confidence())));
            }
            for (Anomaly a : unmatched) {
                falseAlarms++;
                if (clip.expected().isEmpty()) {
                    controlAlarms++;
                }
                lines.add(String.format(
                        "%-10s %-15s FALSE ALARM %5.1f–%5.1f s",
                        clip.name(),
                        a.type(),
                        seconds(a.startedAt()),
                        a.endedAt() == null ? Double.NaN : seconds(a.endedAt())));
            }
        }
        double precision = found + falseAlarms == 0 ? 1 : (double) found / (found + falseAlarms);
        double recall = (double) found / expected;
        lines.forEach(System.out::println);
        System.out.printf(
                "detector evaluation: %d labelled events, %d found, %d false alarms (%d on controls); "
                        + "precision %.2f, recall %.2f%n",
                expected, found, falseAlarms, controlAlarms, precision, recall);

        assertThat(recall).as("recall").isEqualTo(1.0);
        assertThat(controlAlarms).as("false alarms on noise-only controls").isZero();
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.9);
    }

    private static boolean matches(Anomaly a, Expected e) {
        return a.type() == e.type()
                && a.endedAt() != null
                && Math.abs(seconds(a.startedAt()) - e.from()) <= TOLERANCE_SECONDS
                && Math.abs(seconds(a.endedAt()) - e.to()) <= TOLERANCE_SECONDS;
    }

    private static double seconds(Instant at) {
        return Duration.between(T0, at).toMillis() / 1000.0;
    }

    private Path generate(Clip clip) throws Exception {
        Path file = dir.resolve(clip.name() + ".ts");
        new SceneEncoder(
                        SceneEncoder.Settings.small("mpegts"),
                        clip.name(),
                        ZoneId.of("Asia/Shanghai"),
                        clip.scene(),
                        clip.seed())
                .encode(file.toString(), clip.seconds(), false, Clock.fixed(T0, ZoneOffset.UTC), () -> true);
        if (clip.dropOut() == null) {
            return file;
        }
        Path cut = dir.resolve(clip.name() + "-cut.ts");
        dropPackets(file, cut, clip.dropOut()[0], clip.dropOut()[1]);
        return cut;
    }

    /** Removes every packet in [from, to) seconds: what a camera's network drop-out leaves in a recording. */
    private static void dropPackets(Path in, Path out, double from, double to) throws Exception {
        try (PacketSource source = PacketSource.openFile(in.toString());
                TsMuxer muxer = TsMuxer.create(out, source.layout())) {
            AVPacket packet = av_packet_alloc();
            long first = Long.MIN_VALUE;
            try {
                while (source.read(packet)) {
                    long micros = MediaTime.micros(packet.pts(), source.layout().timeBase(packet.stream_index()));
                    if (first == Long.MIN_VALUE) {
                        first = micros;
                    }
                    double t = (micros - first) / 1e6;
                    if (t < from || t >= to) {
                        muxer.write(packet);
                    }
                    av_packet_unref(packet);
                }
            } finally {
                av_packet_free(packet);
            }
        }
    }

    /** Replays the file through the same ingest and detection pipeline the gateway runs. */
    private static List<Anomaly> detect(Path file) {
        List<Anomaly> reports = Collections.synchronizedList(new ArrayList<>());
        AnomalyEmitter emitter = new AnomalyEmitter("site1", "room1", "cam1", reports::add, new ClipLinks("http://gw"));
        DetectionPipeline pipeline = new DetectionPipeline(SETTINGS, null, emitter);
        ConnectionListener none = new ConnectionListener() {
            @Override
            public void connected(String camera, Instant at) {}

            @Override
            public void disconnected(String camera, Instant lastMediaAt, String reason) {}
        };
        new CameraIngest(
                        new CameraRef("site1", "eval", "cam1"),
                        new SourceConfig("cam1", SourceType.FILE, file.toString(), Map.of()),
                        List.of(pipeline),
                        none,
                        5000,
                        Backoff.doubling(100, 100),
                        Clock.fixed(T0, ZoneOffset.UTC))
                .run();
        // Only finished events are scored; the start reports are the same events seen earlier.
        return reports.stream().filter(a -> a.endedAt() != null).toList();
    }
}
