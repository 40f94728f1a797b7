package org.examhall.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Secrets the deployment guide has an operator create ({@code kubectl create secret generic NAME
 * --from-file=KEY=PATH ...}, {@code kubectl create secret tls NAME ...}): name → the keys (file names) each holds.
 */
final class DocumentedSecrets {

    private static final Pattern CREATE =
            Pattern.compile("kubectl(?: -n \\S+)? create secret (generic|tls) ([a-z0-9-]+)(.*)");
    private static final Pattern FROM_FILE = Pattern.compile("--from-file=([^\\s=]+)(?:=\\S+)?");

    private DocumentedSecrets() {}

    static Map<String, Set<String>> read(Path guide) throws IOException {
        // Shell continuation lines joined, so that each command is one line.
        String text = Files.readString(guide, StandardCharsets.UTF_8).replaceAll("\\\\\\n\\s*", " ");
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher create = CREATE.matcher(line.trim());
            if (!create.find()) {
                continue;
            }
            Set<String> keys = new TreeSet<>();
            if (create.group(1).equals("tls")) {
                keys.addAll(Set.of("tls.crt", "tls.key"));
            }
            Matcher file = FROM_FILE.matcher(create.group(3));
            while (file.find()) {
                keys.add(Path.of(file.group(1)).getFileName().toString());
            }
            secrets.put(create.group(2), keys);
        }
        return secrets;
    }
}
