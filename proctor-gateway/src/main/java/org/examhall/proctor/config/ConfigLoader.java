package org.examhall.proctor.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.util.Map;
import org.examhall.protocol.config.YamlSettings;

/** Reads the YAML configuration, lays the environment overrides over it, and validates the result. */
public final class ConfigLoader {

    private static final YamlSettings SETTINGS = new YamlSettings(new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    private ConfigLoader() {}

    public static GatewayConfig load(Path file, Map<String, String> environment) {
        return fromTree(SETTINGS.read(file), environment, file.toString());
    }

    public static GatewayConfig parse(String yaml, Map<String, String> environment) {
        return fromTree(SETTINGS.parse(yaml), environment, "the configuration");
    }

    private static GatewayConfig fromTree(ObjectNode tree, Map<String, String> environment, String source) {
        EnvironmentOverrides.apply(tree, environment);
        return SETTINGS.bind(tree, GatewayConfig.class, source);
    }
}
