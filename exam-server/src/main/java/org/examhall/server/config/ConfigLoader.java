package org.examhall.server.config;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.examhall.protocol.config.YamlSettings;

/** Reads {@link ExamhallConfig}: the YAML file if there is one, then the environment. */
public final class ConfigLoader {

    private static final YamlSettings SETTINGS = new YamlSettings(
            new ObjectMapper(new YAMLFactory()).configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true));

    private ConfigLoader() {}

    /**
     * @param file the YAML file, or null to use {@code EXAMHALL_CONFIG} or {@code ./examhall.yaml} when present
     */
    public static ExamhallConfig load(Path file, Map<String, String> environment) {
        Path chosen = file;
        if (chosen == null && environment.get("EXAMHALL_CONFIG") != null) {
            chosen = Path.of(environment.get("EXAMHALL_CONFIG"));
        }
        if (chosen == null && Files.exists(Path.of("examhall.yaml"))) {
            chosen = Path.of("examhall.yaml");
        }
        ExamhallConfig config = chosen == null ? new ExamhallConfig() : read(chosen);
        EnvironmentOverrides.apply(config, environment);
        return config;
    }

    private static ExamhallConfig read(Path file) {
        return SETTINGS.bind(SETTINGS.read(file), ExamhallConfig.class, file.toString());
    }
}
