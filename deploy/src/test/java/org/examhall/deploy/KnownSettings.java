package org.examhall.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code EXAMHALL_*} variables the exam-server and the proctor gateway read, taken from their
 * EnvironmentOverrides tables' sources (this module does not build against them), so that a deployment file
 * with a misspelt variable, which the program would ignore or refuse, fails here first.
 */
final class KnownSettings {

    private static final String SERVER_OVERRIDES =
            "exam-server/src/main/java/org/examhall/server/config/EnvironmentOverrides.java";
    private static final String GATEWAY_OVERRIDES =
            "proctor-gateway/src/main/java/org/examhall/proctor/config/EnvironmentOverrides.java";

    private KnownSettings() {}

    static Set<String> examServer() {
        Set<String> names =
                names(SERVER_OVERRIDES, Pattern.compile("OVERRIDES\\.put\\(\\s*\"(EXAMHALL_[A-Z0-9_]+)\""), "");
        // Read by ConfigLoader, before the table: which YAML file.
        names.add("EXAMHALL_CONFIG");
        return names;
    }

    static Set<String> gateway() {
        Set<String> names =
                names(GATEWAY_OVERRIDES, Pattern.compile("PATHS\\.put\\(\\s*\"([A-Z0-9_]+)\""), "EXAMHALL_GATEWAY_");
        // Read by GatewayMain: which YAML file.
        names.add("EXAMHALL_GATEWAY_CONFIG");
        return names;
    }

    /** A setting itself, or given as a file ({@code NAME_FILE}, which both programs accept for every setting). */
    static boolean accepts(Set<String> known, String variable) {
        return known.contains(variable)
                || variable.endsWith("_FILE") && known.contains(variable.substring(0, variable.length() - 5));
    }

    private static Set<String> names(String source, Pattern entry, String prefix) {
        try {
            String text = Files.readString(CheckoutRoot.path().resolve(source), StandardCharsets.UTF_8);
            Set<String> names = new TreeSet<>();
            Matcher found = entry.matcher(text);
            while (found.find()) {
                names.add(prefix + found.group(1));
            }
            if (names.size() < 10) {
                throw new AssertionError(
                        "the variables' table in " + source + " is no longer written as this class reads it");
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
