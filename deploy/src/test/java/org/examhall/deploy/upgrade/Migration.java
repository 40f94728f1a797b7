package org.examhall.deploy.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Flyway migration of exam-server, with the two comment lines that excuse it from the expand-only rule:
 * {@code -- contract: safe after V<n>} (it contracts what the release holding V<n> stopped using) and
 * {@code -- locks: <why>} (its long lock is acceptable, e.g. the table stays small).
 */
record Migration(int version, String fileName, String sql) {

    static final Path DIRECTORY = Path.of("..", "exam-server", "src", "main", "resources", "db", "migration");

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__\\w+\\.sql");
    private static final Pattern CONTRACT_MARKER = Pattern.compile("(?m)^--\\s*contract:\\s*safe after\\s+(\\S+)\\s*$");
    private static final Pattern VERSION = Pattern.compile("V(\\d+)");
    private static final Pattern LOCKS_MARKER = Pattern.compile("(?m)^--\\s*locks:\\s*(\\S.*)$");

    static List<Migration> all(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(Migration::read)
                    .sorted(Comparator.comparingInt(Migration::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Migration read(Path file) {
        String name = file.getFileName().toString();
        Matcher matcher = FILE_NAME.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + " is not named V<n>__<description>.sql");
        }
        try {
            return new Migration(Integer.parseInt(matcher.group(1)), name, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The migration named by {@code -- contract: safe after V<n>}; a marker naming anything else is an error. */
    Optional<Integer> contractSafeAfter() {
        Matcher marker = CONTRACT_MARKER.matcher(sql);
        if (!marker.find()) {
            return Optional.empty();
        }
        Matcher version = VERSION.matcher(marker.group(1));
        if (!version.matches()) {
            throw new IllegalArgumentException(
                    fileName + ": '-- contract: safe after' names a migration, V<n>, not " + marker.group(1));
        }
        return Optional.of(Integer.parseInt(version.group(1)));
    }

    boolean locksAccepted() {
        return LOCKS_MARKER.matcher(sql).find();
    }
}
