package org.examhall.proctor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.examhall.protocol.config.ConfigException;

/** Reads the YAML configuration, lays the environment overrides over it, and validates the result. */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigLoader() {}

    public static GatewayConfig load(Path file, Map<String, String> environment) {
        try {
            JsonNode tree = YAML.readTree(Files.readString(file));
            return fromTree(tree instanceof ObjectNode o ? o : YAML.createObjectNode(), environment);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration " + file + ": " + e.getMessage(), e);
        }
    }

    public static GatewayConfig parse(String yaml, Map<String, String> environment) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            return fromTree(tree instanceof ObjectNode o ? o : YAML.createObjectNode(), environment);
        } catch (IOException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static GatewayConfig fromTree(ObjectNode tree, Map<String, String> environment) {
        EnvironmentOverrides.apply(tree, environment);
        try {
            return YAML.treeToValue(tree, GatewayConfig.class);
        } catch (JsonProcessingException e) {
            // Validation errors thrown from the records arrive wrapped; surface their message as is.
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof ConfigException ce) {
                throw ce;
            }
            throw new ConfigException("invalid configuration: " + e.getOriginalMessage(), e);
        }
    }
}
