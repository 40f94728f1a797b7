package org.examhall.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes report.json and report.html. The page is self-contained (its script draws the charts from
 * the same JSON, inlined), so it can be mailed or attached to an issue and opened anywhere.
 */
final class ReportFiles {

    private static final String TEMPLATE = "report-template.html";
    private static final String DATA_PLACEHOLDER = "/*REPORT_JSON*/null";

    private ReportFiles() {}

    static void write(Path dir, SimulationReport report) {
        JsonObject json = ReportJson.of(report);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.json"), json.encodePrettily() + "\n", StandardCharsets.UTF_8);
            // "</" would end the inline script early when a label or an error message holds "</script>".
            String data = json.encode().replace("</", "<\\/");
            Files.writeString(
                    dir.resolve("report.html"), template().replace(DATA_PLACEHOLDER, data), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report to " + dir, e);
        }
    }

    private static String template() throws IOException {
        try (InputStream in = ReportFiles.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IOException(TEMPLATE + " is missing from the simulator's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
