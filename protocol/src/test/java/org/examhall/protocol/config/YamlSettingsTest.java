package org.examhall.protocol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlSettingsTest {

    /** A typed config that validates itself, as both servers' configs do. */
    public record Http(int port) {
        public Http {
            if (port < 1 || port > 65535) {
                throw new ConfigException("http.port must be from 1 to 65535");
            }
        }
    }

    public record Settings(Http http) {}

    private final YamlSettings settings = new YamlSettings(new ObjectMapper(new YAMLFactory()));

    @TempDir
    Path dir;

    @Test
    void anEmptyOrCommentedFileIsAnEmptyObject() {
        for (String text : new String[] {"", "# http:\n#   port: 9000\n", "---\n"}) {
            assertThat(settings.parse(text).isEmpty()).as(text).isTrue();
        }
    }

    @Test
    void anUnknownKeyIsRefusedByNameAndSource() {
        assertThatThrownBy(() -> settings.bind(settings.parse("htp:\n  port: 80\n"), Settings.class, "site.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown setting 'htp' in site.yaml");
    }

    @Test
    void theConfigsOwnValidationMessageSurfacesUnwrapped() {
        assertThatThrownBy(() -> settings.bind(settings.parse("http:\n  port: 0\n"), Settings.class, "site.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.port must be from 1 to 65535");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheSourceAndTheValue() {
        assertThatThrownBy(() -> settings.bind(settings.parse("http:\n  port: eighty\n"), Settings.class, "site.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("site.yaml")
                .hasMessageContaining("eighty");
    }

    @Test
    void aMissingFileNamesTheFile() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> settings.read(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml");
    }

    @Test
    void aFileIsReadAndBound() throws Exception {
        Path file = Files.writeString(dir.resolve("site.yaml"), "http:\n  port: 8443\n");

        assertThat(settings.bind(settings.read(file), Settings.class, file.toString())
                        .http()
                        .port())
                .isEqualTo(8443);
    }
}
