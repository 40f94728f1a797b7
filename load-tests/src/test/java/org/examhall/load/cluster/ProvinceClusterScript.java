package org.examhall.load.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code load-tests/cluster/province-cluster.sh} run as people run it, its work directory (logs, marks, summary,
 * the simulator's report) kept under {@code load-tests/target/<name>-<time>}.
 */
final class ProvinceClusterScript {

    static final Path MODULE = Path.of("").toAbsolutePath();

    /** One finished run: the script passed (exit status 0), with what it wrote. */
    record Run(Path work, Map<String, String> summary) {

        JsonObject report() throws IOException {
            return new JsonObject(Files.readString(work.resolve("report/report.json"), StandardCharsets.UTF_8));
        }

        /** The simulator's entry for one of the script's marks. */
        JsonObject reportMark(String label) throws IOException {
            return report().getJsonArray("marks").stream()
                    .map(JsonObject.class::cast)
                    .filter(mark -> label.equals(mark.getString("label")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no mark " + label + " in the simulator's report"));
        }
    }

    private ProvinceClusterScript() {}

    static Run run(String name, int timeoutMinutes, List<String> options) throws Exception {
        Path work = MODULE.resolve("target/" + name + "-" + System.currentTimeMillis());
        Files.createDirectories(work);
        Path output = work.resolve("script-output.txt");
        List<String> command = new ArrayList<>(
                List.of("bash", MODULE.resolve("cluster/province-cluster.sh").toString()));
        command.addAll(options);
        command.addAll(List.of("--work-dir", work.toString()));
        Process script = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!script.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            // TERM lets the script stop the nodes, nginx and PostgreSQL it started.
            script.destroy();
            script.waitFor(2, TimeUnit.MINUTES);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(script.exitValue())
                .as("the script's exit status; it printed:%n%s", printed)
                .isZero();
        return new Run(work, summary(work.resolve("summary.txt")));
    }

    private static Map<String, String> summary(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.stream()
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(
                        line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1)));
    }
}
