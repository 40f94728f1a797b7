package org.examhall.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A YAML file as maps and lists, anchors, aliases and merge keys ({@code <<: *node}) resolved as compose does. */
final class YamlFiles {

    private YamlFiles() {}

    static Map<String, Object> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (document == null) {
                throw new IllegalStateException(file + " is empty");
            }
            return document;
        }
    }
}
