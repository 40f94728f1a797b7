package org.examhall.proctor.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A camera whose RTSP server is not ours: GStreamer's gst-rtsp-server (resources/rtsp/gst_rtsp_server.py, run by
 * Debian's python3 with python3-gi) serving a Matroska file in real time, re-muxed but never re-encoded. The
 * file's codecs, as ffprobe reports them, choose the payloaders.
 */
public final class GstRtspServer implements ExternalMedia {

    /** Debian's interpreter: the one on PATH may be a pyenv build without the gi bindings. */
    private static final String PYTHON = "/usr/bin/python3";

    private final ExternalServer process;
    private final int port;
    private final List<String> mounts;

    private GstRtspServer(ExternalServer process, int port, List<String> mounts) {
        this.process = process;
        this.port = port;
        this.mounts = mounts;
    }

    /** Which lower transports the server offers in SETUP; a client asking for another gets 461. */
    public enum Protocols {
        TCP("tcp"),
        UDP("udp"),
        TCP_UDP("tcp+udp");

        private final String arg;

        Protocols(String arg) {
            this.arg = arg;
        }
    }

    public enum Auth {
        BASIC,
        DIGEST
    }

    /**
     * @param loop     play the file again when it ends; RTP timestamps then jump back (see the script)
     * @param shared   all clients of a mount share one pipeline, joining it where it is, as with a real camera
     * @param user     null for no authentication
     * @param mounts   mount points, each serving the file; the first is {@link #url()}
     */
    public record Options(
            boolean loop,
            Protocols protocols,
            boolean shared,
            String user,
            String password,
            Auth auth,
            List<String> mounts) {

        /** Plays once, TCP and UDP, one pipeline per client, no authentication, on /room. */
        public static Options defaults() {
            return new Options(false, Protocols.TCP_UDP, false, null, null, Auth.BASIC, List.of("/room"));
        }

        public Options withLoop() {
            return new Options(true, protocols, shared, user, password, auth, mounts);
        }

        public Options withProtocols(Protocols only) {
            return new Options(loop, only, shared, user, password, auth, mounts);
        }

        public Options withShared() {
            return new Options(loop, protocols, true, user, password, auth, mounts);
        }

        public Options withAuth(Auth method, String name, String secret) {
            return new Options(loop, protocols, shared, name, secret, method, mounts);
        }

        public Options withMounts(String... paths) {
            return new Options(loop, protocols, shared, user, password, auth, List.of(paths));
        }
    }

    /** Starts serving {@code file} (Matroska: H.264 or H.265, with AAC, G.711 or no audio) on the loopback port. */
    public static GstRtspServer start(Path file, int port, Options options) throws IOException {
        MediaTool.Info media = MediaTool.probe(file);
        if (!media.hasVideo()) {
            throw new IllegalArgumentException("no video to serve in " + file + ": " + media.errors());
        }
        List<String> command = new ArrayList<>(List.of(
                PYTHON,
                script().toString(),
                "--file",
                file.toAbsolutePath().toString(),
                "--port",
                String.valueOf(port),
                "--video",
                videoArg(media),
                "--audio",
                audioArg(media),
                "--protocols",
                options.protocols().arg));
        for (String mount : options.mounts()) {
            command.addAll(List.of("--mount", mount));
        }
        if (options.loop()) {
            command.add("--loop");
        }
        if (options.shared()) {
            command.add("--shared");
        }
        if (options.user() != null) {
            command.addAll(List.of(
                    "--user",
                    options.user(),
                    "--password",
                    options.password(),
                    "--auth",
                    options.auth().name().toLowerCase(Locale.ROOT)));
        }
        ExternalServer process = ExternalServer.start(
                "gst-rtsp-server-" + port, command, ExternalServer.Readiness.line("READY ", Duration.ofSeconds(15)));
        return new GstRtspServer(process, port, options.mounts());
    }

    private static Path script() {
        URL url = Objects.requireNonNull(
                GstRtspServer.class.getResource("/rtsp/gst_rtsp_server.py"),
                "rtsp/gst_rtsp_server.py is not on the test class path");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String videoArg(MediaTool.Info media) {
        return switch (media.videoCodec()) {
            case "h264" -> "h264";
            case "hevc" -> "h265";
            default -> throw new IllegalArgumentException("no payloader for video " + media.videoCodec());
        };
    }

    private static String audioArg(MediaTool.Info media) {
        return switch (Objects.requireNonNullElse(media.audioCodec(), "none")) {
            case "none" -> "none";
            case "aac" -> "aac";
            case "pcm_alaw" -> "pcma";
            case "pcm_mulaw" -> "pcmu";
            default -> throw new IllegalArgumentException("no payloader for audio " + media.audioCodec());
        };
    }

    /** The first mount, without credentials. */
    public String url() {
        return mountUrl(mounts.get(0));
    }

    /**
     * The first mount with credentials in the URL, as cameras are configured. They are percent-encoded, which
     * FFmpeg decodes: camera passwords often hold '#' or '@'.
     */
    public String url(String user, String password) {
        return "rtsp://" + userInfo(user) + ":" + userInfo(password) + "@127.0.0.1:" + port + mounts.get(0);
    }

    private static String userInfo(String text) {
        // URLEncoder is for forms: its '+' for a space would be taken literally in a URL's user part.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public String mountUrl(String mount) {
        return "rtsp://127.0.0.1:" + port + mount;
    }

    @Override
    public ExternalServer process() {
        return process;
    }
}
