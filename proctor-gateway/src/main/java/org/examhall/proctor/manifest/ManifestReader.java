package org.examhall.proctor.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a day's manifest back for verification, playback, retention and recovery. */
public final class ManifestReader {

    private ManifestReader() {}

    /** Every complete line; a missing file reads as an empty manifest. Unparseable lines are an error. */
    public static List<ManifestLine> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<ManifestLine> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!text.isBlank()) {
                lines.add(ManifestLine.parse(text));
            }
        }
        return lines;
    }
}
