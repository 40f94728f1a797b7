package org.examhall.deploy.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** deploy/upgrade/previous-release: the release a rolling upgrade starts from, and its last migration. */
record PreviousRelease(String commit, int lastMigration) {

    static final Path FILE = Path.of("upgrade", "previous-release");

    static PreviousRelease read(Path file) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException(file + ": not key=value: " + line);
                }
                values.put(
                        trimmed.substring(0, equals).strip(),
                        trimmed.substring(equals + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String commit = values.getOrDefault("commit", "");
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException(file + ": commit must be a full commit id, not '" + commit + "'");
        }
        String last = values.getOrDefault("last-migration", "");
        if (!last.matches("\\d+")) {
            throw new IllegalArgumentException(file + ": last-migration must be a number, not '" + last + "'");
        }
        return new PreviousRelease(commit, Integer.parseInt(last));
    }
}
