package org.examhall.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus' own checker, from Debian's prometheus package, run on the files as a province loads them. */
final class Promtool {

    private static final Path BINARY = Path.of("/usr/bin/promtool");

    record Result(int exitCode, String output) {}

    private Promtool() {}

    /** Runs {@code promtool args...} in {@code directory} (rule files name their tests' paths relative to it). */
    static Result run(Path directory, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            fail("needs promtool from Debian's prometheus package (apt-get install --no-install-recommends prometheus;"
                    + " .ci/run does)");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("promtool", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.delete(output);
        }
    }
}
