package org.examhall.proctor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A camera served by VLC's RTSP server ({@code cvlc --sout '#rtp{sdp=rtsp://...}'}), looping a file. VLC sends RTP
 * over UDP only: a SETUP asking for TCP interleaving gets 461 Unsupported Transport.
 *
 * <p>VLC refuses to run as root, and Debian's vlc-wrapper only drops privileges when installed set-uid. As root
 * (CI is), VLC therefore runs as {@code nobody} through util-linux's {@code setpriv}, on a copy of the file in a
 * directory that user can read: test temp directories are private to root.
 */
public final class VlcRtspServer implements ExternalMedia {

    private static final int NOBODY = 65534;

    private final ExternalServer process;
    private final int port;
    /** The readable copy of the file made for running as nobody, or null. */
    private final Path copyDir;

    private VlcRtspServer(ExternalServer process, int port, Path copyDir) {
        this.process = process;
        this.port = port;
        this.copyDir = copyDir;
    }

    public static VlcRtspServer start(Path file, int port) throws IOException {
        List<String> command = new ArrayList<>();
        Map<String, String> environment = Map.of();
        Path media = file.toAbsolutePath();
        Path dir = null;
        if (isRoot()) {
            dir = Files.createTempDirectory(
                    "examhall-vlc-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            media = Files.copy(media, dir.resolve(file.getFileName()));
            Files.setPosixFilePermissions(media, PosixFilePermissions.fromString("rw-r--r--"));
            // VLC writes its cache and settings under $HOME; nobody's is /nonexistent.
            Path home = Files.createDirectory(
                    dir.resolve("home"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
            environment = Map.of("HOME", home.toString());
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.addAll(List.of(
                "cvlc",
                "--no-dbus",
                "--loop",
                media.toString(),
                "--sout",
                "#rtp{sdp=rtsp://127.0.0.1:" + port + "/room}"));
        try {
            ExternalServer process = ExternalServer.start(
                    "vlc-rtsp-" + port,
                    command,
                    environment,
                    ExternalServer.Readiness.when(output -> describesVideo(port), Duration.ofSeconds(15)));
            return new VlcRtspServer(process, port, dir);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    /**
     * VLC opens its RTSP port before it has demuxed the file; until then DESCRIBE may lack the tracks. Ready is when
     * the session description has the video.
     */
    private static boolean describesVideo(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(("DESCRIBE rtsp://127.0.0.1:" + port
                            + "/room RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            while (!reply.toString().contains("m=video") && (n = in.read(buffer)) > 0) {
                reply.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
            return reply.toString().contains("m=video");
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        return "rtsp://127.0.0.1:" + port + "/room";
    }

    @Override
    public ExternalServer process() {
        return process;
    }

    @Override
    public void close() throws IOException {
        process.close();
        deleteTree(copyDir);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
