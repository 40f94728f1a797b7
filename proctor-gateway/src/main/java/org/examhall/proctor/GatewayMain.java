package org.examhall.proctor;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.examhall.proctor.cli.ArchiveVerify;
import org.examhall.proctor.config.ConfigLoader;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.config.RoomConfig;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.demo.DemoCamera;
import org.examhall.proctor.demo.SceneEncoder;
import org.examhall.proctor.log.FfmpegLog;
import org.examhall.proctor.log.OneLineFormatter;

/**
 * The proctor gateway's command line, dispatched to by {@code ./examhall}:
 *
 * <pre>
 * gateway [--config gateway.yaml]      run the gateway (without a config: the demo, with a generated camera)
 * archive-verify --room R --from D ... check the archive (see ArchiveVerify)
 * demo-camera --url udp://HOST:PORT    stream the generated room camera (MPEG-TS over UDP) until stopped
 * </pre>
 *
 * The configuration file may also be named by {@code EXAMHALL_GATEWAY_CONFIG}.
 */
public final class GatewayMain {

    private GatewayMain() {}

    public static void main(String[] args) throws Exception {
        // FFmpeg's own chatter (stream dumps, probe notes) would drown the gateway's log.
        av_log_set_level(AV_LOG_ERROR);
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "gateway" -> runGateway(rest);
            case "archive-verify" -> System.exit(ArchiveVerify.run(rest, System.out, System.err));
            case "demo-camera" -> runDemoCamera(rest);
            default -> {
                System.err.println("usage: gateway [--config FILE] | archive-verify --room ROOM --from yyyy-MM-dd ... "
                        + "| demo-camera --url udp://HOST:PORT");
                System.exit("help".equals(command) ? 0 : 2);
            }
        }
    }

    private static void runGateway(String[] args) throws Exception {
        String file = option(args, "--config", System.getenv("EXAMHALL_GATEWAY_CONFIG"));
        GatewayConfig config = file != null
                ? ConfigLoader.load(Path.of(file), System.getenv())
                : ConfigLoader.parse(demoConfig(), System.getenv());
        OneLineFormatter.install(config.timeZone());
        FfmpegLog.install();
        List<DemoCamera> cameras = new ArrayList<>();
        Gateway gateway = Gateway.start(config, Clock.systemUTC());
        if (config.demo()) {
            cameras.addAll(startDemoCameras(config));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            cameras.forEach(DemoCamera::stop);
                            gateway.close();
                            stopped.countDown();
                        },
                        "gateway-shutdown"));
        System.out.println("proctor gateway running: http://localhost:" + gateway.httpPort() + "/api/rooms");
        stopped.await();
    }

    /** In demo mode every loopback UDP camera is played by a generated scene. */
    private static List<DemoCamera> startDemoCameras(GatewayConfig config) {
        List<DemoCamera> cameras = new ArrayList<>();
        for (RoomConfig room : config.rooms()) {
            for (SourceConfig source : room.sources()) {
                if (source.type() == SourceType.UDP_TS && source.url().startsWith("udp://127.0.0.1:")) {
                    DemoCamera camera = new DemoCamera(
                            source.url(),
                            room.name(),
                            config.timeZone(),
                            new SceneEncoder.Settings(640, 360, 15, 800_000, 16_000, AV_CODEC_ID_AAC, "mpegts"));
                    Thread thread = new Thread(camera, "demo-camera-" + room.id() + "-" + source.id());
                    thread.setDaemon(true);
                    thread.start();
                    cameras.add(camera);
                }
            }
        }
        return cameras;
    }

    private static void runDemoCamera(String[] args) throws InterruptedException {
        String url = option(args, "--url", null);
        if (url == null) {
            System.err.println(
                    "usage: demo-camera --url udp://HOST:PORT [--label NAME] [--width 640 --height 360 --fps 15]");
            System.exit(2);
        }
        SceneEncoder.Settings settings = new SceneEncoder.Settings(
                Integer.parseInt(option(args, "--width", "640")),
                Integer.parseInt(option(args, "--height", "360")),
                Integer.parseInt(option(args, "--fps", "15")),
                Integer.parseInt(option(args, "--bitrate", "800000")),
                16_000,
                AV_CODEC_ID_AAC,
                "mpegts");
        DemoCamera camera = new DemoCamera(url, option(args, "--label", "demo"), ZoneId.of("Asia/Shanghai"), settings);
        Thread thread = new Thread(camera, "demo-camera");
        Runtime.getRuntime().addShutdownHook(new Thread(camera::stop));
        thread.start();
        thread.join();
    }

    private static String demoConfig() throws IOException {
        try (InputStream in = GatewayMain.class.getResourceAsStream("demo-gateway.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
