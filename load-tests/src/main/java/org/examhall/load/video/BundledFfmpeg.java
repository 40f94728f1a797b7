package org.examhall.load.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} command line that ships inside the bytedeco FFmpeg jar, so the comparison needs no
 * system package. The jar names two libraries without their SONAME suffix; links with the expected names
 * are made in a scratch directory put first on the library path.
 */
final class BundledFfmpeg {

    private final Path executable;
    private final String libraryPath;

    private BundledFfmpeg(Path executable, String libraryPath) {
        this.executable = executable;
        this.libraryPath = libraryPath;
    }

    static BundledFfmpeg locate(Path scratch) throws IOException {
        Path executable = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        Path libraries = executable.getParent();
        Path links = Files.createDirectories(scratch.resolve("ffmpeg-libs"));
        for (String[] link :
                List.of(new String[] {"libva.so.2", "libva.so"}, new String[] {"libva-drm.so.2", "libva-drm.so"})) {
            Path target = libraries.resolve(link[1]);
            Path name = links.resolve(link[0]);
            if (Files.exists(target) && !Files.exists(name, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(name, target);
            }
        }
        return new BundledFfmpeg(executable, links + ":" + libraries);
    }

    /** Starts {@code ffmpeg} with the arguments; its output goes to {@code log}. */
    Process start(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LD_LIBRARY_PATH", libraryPath);
        return builder.start();
    }
}
