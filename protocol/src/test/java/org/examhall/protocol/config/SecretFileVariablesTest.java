package org.examhall.protocol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileVariablesTest {

    private static final Set<String> KNOWN = Set.of("APP_PASSWORD", "APP_KEY_FILE");

    @TempDir
    Path dir;

    @Test
    void aFileVariableGivesTheFilesContentWithoutItsTrailingNewline() throws IOException {
        Path secret = Files.writeString(dir.resolve("password"), "s3cret value\n");

        Map<String, String> resolved =
                SecretFileVariables.resolve(Map.of("APP_PASSWORD_FILE", secret.toString()), KNOWN::contains);

        assertThat(resolved).containsEntry("APP_PASSWORD", "s3cret value").doesNotContainKey("APP_PASSWORD_FILE");
    }

    @Test
    void variablesOfUnknownSettingsAndSettingsThatAreThemselvesPathsStayAsTheyAre() {
        Map<String, String> environment = Map.of("APP_KEY_FILE", "/run/keys/key.pem", "OTHER_FILE", "/nowhere");

        assertThat(SecretFileVariables.resolve(environment, KNOWN::contains)).isEqualTo(environment);
    }

    @Test
    void aMissingFileIsRefusedNamingTheVariableAndThePath() {
        Path missing = dir.resolve("absent");

        assertThatThrownBy(() ->
                        SecretFileVariables.resolve(Map.of("APP_PASSWORD_FILE", missing.toString()), KNOWN::contains))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("APP_PASSWORD_FILE")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void anUnreadableFileIsRefusedWithoutItsContent() throws IOException {
        Path secret = Files.writeString(dir.resolve("password"), "do-not-print-me");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        // root reads any file whatever its mode: there the directory stands in as what cannot be read.
        Path unreadable = Files.isReadable(secret) ? dir : secret;

        assertThatThrownBy(() -> SecretFileVariables.resolve(
                        Map.of("APP_PASSWORD_FILE", unreadable.toString()), KNOWN::contains))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("APP_PASSWORD_FILE")
                .hasMessageNotContaining("do-not-print-me");
    }

    @Test
    void anEmptyFileIsRefusedRatherThanTakenAsAnEmptySecret() throws IOException {
        Path secret = Files.writeString(dir.resolve("password"), "\n");

        assertThatThrownBy(() ->
                        SecretFileVariables.resolve(Map.of("APP_PASSWORD_FILE", secret.toString()), KNOWN::contains))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aValueGivenBothWaysIsRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("password"), "from-file");

        assertThatThrownBy(() -> SecretFileVariables.resolve(
                        Map.of("APP_PASSWORD", "direct", "APP_PASSWORD_FILE", secret.toString()), KNOWN::contains))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("both APP_PASSWORD and APP_PASSWORD_FILE")
                .hasMessageNotContaining("from-file")
                .hasMessageNotContaining("direct");
    }
}
