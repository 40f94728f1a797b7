package org.examhall.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs as the user a province's PostgreSQL runs as: {@code nobody} when the build runs as root
 * (PostgreSQL refuses root, and the backup scripts run as PostgreSQL's user), else the build's own user.
 */
final class ServiceUser {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private ServiceUser() {}

    /** What a program printed (standard output and error together) and how it ended. */
    record Output(int exitCode, String text) {}

    /** Gives a directory to the service user, so that PostgreSQL and the scripts can write in it. */
    static void own(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        if (ROOT) {
            run(Duration.ofSeconds(30), false, List.of("chown", "nobody", directory.toString()));
        }
    }

    static Output asService(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, true, List.of(command));
    }

    static Output asBuildUser(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, false, List.of(command));
    }

    private static Output run(Duration timeout, boolean asService, List<String> command)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asService && ROOT) {
            full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("service-user", ".out");
        try {
            Process process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish within " + timeout + ":\n" + read(output));
            }
            return new Output(process.exitValue(), read(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
