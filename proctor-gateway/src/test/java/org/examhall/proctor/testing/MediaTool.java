package org.examhall.proctor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The ffmpeg and ffprobe command-line tools (Debian's, not the gateway's JavaCV build): they make the test media
 * that external servers serve, and they are the independent client that checks what those servers send.
 */
public final class MediaTool {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaTool() {}

    /** Key frame every second at 25 fps, as cameras are usually set up. */
    public enum VideoCodec {
        /** High profile with two B-frames: RTP carries no decode order, so the receiver has to work it out. */
        H264_BFRAMES("libx264", "-preset", "veryfast", "-profile:v", "high", "-bf", "2"),
        H264_BASELINE("libx264", "-preset", "veryfast", "-profile:v", "baseline", "-bf", "0"),
        H265("libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=25:min-keyint=25:scenecut=0");

        private final List<String> args;

        VideoCodec(String encoder, String... options) {
            this.args = new ArrayList<>(List.of(
                    "-c:v", encoder, "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p"));
            this.args.addAll(List.of(options));
        }
    }

    /** AAC at 48 kHz as IP cameras send it, or G.711 at 8 kHz as cheaper ones and NVRs do. */
    public enum AudioCodec {
        AAC(48_000, "aac", "-b:a", "64k"),
        PCMA(8_000, "pcm_alaw"),
        PCMU(8_000, "pcm_mulaw"),
        NONE(0, null);

        private final int sampleRate;
        private final List<String> args;

        AudioCodec(int sampleRate, String encoder, String... options) {
            this.sampleRate = sampleRate;
            this.args = new ArrayList<>();
            if (encoder != null) {
                args.addAll(List.of("-c:a", encoder, "-ar", String.valueOf(sampleRate), "-ac", "1"));
                args.addAll(List.of(options));
            }
        }

        boolean isG711() {
            return this == PCMA || this == PCMU;
        }
    }

    /**
     * What ffprobe says of a file: which streams, their codecs, the length, and anything it complained about
     * ({@code errors} is empty for a clean file).
     */
    public record Info(
            boolean hasVideo,
            boolean hasAudio,
            String videoCodec,
            String videoProfile,
            String audioCodec,
            double durationSeconds,
            String errors) {

        public boolean hasErrors() {
            return !errors.isBlank();
        }
    }

    /**
     * Encodes {@code seconds} of a moving test picture and a tone into {@code out}; the container follows the file
     * name: Matroska (.mkv) carries every combination, MPEG-TS (.ts) and FLV (.flv) what they can.
     */
    public static Path make(Path out, double seconds, VideoCodec video, AudioCodec audio) throws IOException {
        if (out.toString().endsWith(".ts") && audio.isG711()) {
            // ffmpeg would write it as an undeclared private stream that nothing downstream recognises.
            throw new IllegalArgumentException("MPEG-TS cannot carry G.711; use .mkv");
        }
        List<String> command = new ArrayList<>(List.of(
                "ffmpeg",
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=640x360:rate=25"));
        if (audio != AudioCodec.NONE) {
            command.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + audio.sampleRate));
        }
        command.addAll(List.of("-t", String.format(Locale.ROOT, "%.3f", seconds)));
        command.addAll(video.args);
        command.addAll(audio.args);
        command.add(out.toString());
        run(command, Duration.ofSeconds(60 + (long) (seconds * 4)));
        return out;
    }

    public static Info probe(Path file) throws IOException {
        Result result = run(
                List.of("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", file.toString()),
                Duration.ofSeconds(30),
                false);
        JsonNode root = JSON.readTree(result.stdout().isBlank() ? "{}" : result.stdout());
        JsonNode video = firstStream(root, "video");
        JsonNode audio = firstStream(root, "audio");
        String errors = result.exitCode() == 0 ? result.stderr() : "exit " + result.exitCode() + ": " + result.stderr();
        return new Info(
                video != null,
                audio != null,
                video == null ? null : video.path("codec_name").asText(),
                video == null ? null : video.path("profile").asText(null),
                audio == null ? null : audio.path("codec_name").asText(),
                root.path("format").path("duration").asDouble(0),
                errors.strip());
    }

    /**
     * Pulls {@code seconds} of an RTSP stream into {@code out} without re-encoding, the way a third-party client
     * would, and returns what was received. Use .mkv: it takes G.711, which MPEG-TS does not.
     *
     * @param transport "tcp" or "udp"
     */
    public static Info pull(String url, String transport, double seconds, Path out) throws IOException {
        run(
                List.of(
                        "ffmpeg",
                        "-hide_banner",
                        "-nostdin",
                        "-loglevel",
                        "error",
                        "-y",
                        "-rtsp_transport",
                        transport,
                        "-timeout",
                        "5000000",
                        "-i",
                        url,
                        "-t",
                        String.format(Locale.ROOT, "%.3f", seconds),
                        "-c",
                        "copy",
                        // ffmpeg's RTSP demuxer hands over the first key frame of a stream with B-frames without a PTS
                        // (RTP
                        // has no DTS to derive it from), and the muxers refuse a packet without one. Its DTS is the
                        // best guess.
                        "-bsf:v",
                        "setts=pts=if(eq(PTS\\,NOPTS)\\,DTS\\,PTS)",
                        out.toString()),
                Duration.ofSeconds(20 + (long) seconds));
        return probe(out);
    }

    private static JsonNode firstStream(JsonNode root, String type) {
        for (JsonNode stream : root.path("streams")) {
            if (type.equals(stream.path("codec_type").asText())) {
                return stream;
            }
        }
        return null;
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(List<String> command, Duration timeout) throws IOException {
        return run(command, timeout, true);
    }

    private static Result run(List<String> command, Duration timeout, boolean mustSucceed) throws IOException {
        Path stdout = Files.createTempFile("mediatool-", ".out");
        Path stderr = Files.createTempFile("mediatool-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("timed out after " + timeout + ": " + String.join(" ", command));
            }
            Result result = new Result(
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
            if (mustSucceed && result.exitCode() != 0) {
                throw new IOException(
                        "exit " + result.exitCode() + ": " + String.join(" ", command) + "\n" + result.stderr());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
