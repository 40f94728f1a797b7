package org.examhall.protocol.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Lets every environment setting {@code NAME} be given as {@code NAME_FILE} instead: the path of a file
 * that holds the value, as Kubernetes secret volumes and Docker secrets mount them. A secret then never
 * sits in the process environment, where {@code /proc/PID/environ}, {@code docker inspect} and crash
 * reports show it. Surrounding whitespace (the newline {@code echo} leaves) is not part of the value.
 */
public final class SecretFileVariables {

    static final String SUFFIX = "_FILE";

    private SecretFileVariables() {}

    /**
     * The environment with each {@code NAME_FILE} whose {@code NAME} satisfies {@code known} replaced by
     * {@code NAME} and the file's content; every other variable as it was.
     *
     * @throws ConfigException when both {@code NAME} and {@code NAME_FILE} are set, or the file cannot be
     *     read; the message names the variable and the path, never the content
     */
    public static Map<String, String> resolve(Map<String, String> environment, Predicate<String> known) {
        Map<String, String> resolved = new LinkedHashMap<>(environment);
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String variable = e.getKey();
            if (!variable.endsWith(SUFFIX)
                    || e.getValue() == null
                    || e.getValue().isBlank()) {
                continue;
            }
            String name = variable.substring(0, variable.length() - SUFFIX.length());
            if (!known.test(name)) {
                continue;
            }
            String direct = environment.get(name);
            if (direct != null && !direct.isEmpty()) {
                throw new ConfigException(
                        "both " + name + " and " + variable + " are set: give the value one way only");
            }
            resolved.put(name, read(variable, Path.of(e.getValue().trim())));
            resolved.remove(variable);
        }
        return resolved;
    }

    private static String read(String variable, Path file) {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            // The exception's own message may quote the content (a malformed-input error does not, but a
            // future one might): name the kind of failure only.
            throw new ConfigException(variable + " names " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (value.isEmpty()) {
            throw new ConfigException(variable + " names " + file + ", which is empty");
        }
        return value;
    }
}
