package org.examhall.protocol.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the exam server and the gateway read their YAML settings, so that an operator meets the same rules and the
 * same messages in both: an empty file (or one of comments only) means every default, an unknown key is refused by
 * name, and a value the typed config rejects surfaces with the config's own message.
 */
public final class YamlSettings {

    private final ObjectMapper yaml;

    /** @param yaml a mapper over a YAML factory, configured as the typed config needs (modules, enum rules) */
    public YamlSettings(ObjectMapper yaml) {
        this.yaml = yaml;
    }

    public ObjectNode read(Path file) {
        try {
            return object(yaml.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration " + file + ": " + e.getMessage(), e);
        }
    }

    public ObjectNode parse(String text) {
        try {
            return object(yaml.readTree(text));
        } catch (IOException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage(), e);
        }
    }

    /** @param source where the settings came from, named in the error an operator reads */
    public <T> T bind(ObjectNode tree, Class<T> type, String source) {
        try {
            return yaml.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown setting '" + e.getPropertyName() + "' in " + source, e);
        } catch (JsonProcessingException e) {
            // A validation error thrown from the config's own constructors arrives wrapped; its message is the one.
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof ConfigException ce) {
                throw ce;
            }
            throw new ConfigException("invalid configuration in " + source + ": " + e.getOriginalMessage(), e);
        }
    }

    private ObjectNode object(JsonNode tree) {
        return tree instanceof ObjectNode o ? o : yaml.createObjectNode();
    }
}
