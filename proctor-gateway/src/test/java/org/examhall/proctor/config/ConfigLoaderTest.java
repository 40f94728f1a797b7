package org.examhall.proctor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.examhall.protocol.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String MINIMAL = """
            site: county-01
            archive:
              root: /srv/archive
            examServer:
              url: http://exam:8080
              token: secret
            rooms:
              - id: room-101
                name: 第一考场
                sources:
                  - id: cam1
                    type: rtsp
                    url: rtsp://10.0.0.5/stream1
                  - id: cam2
                    type: udp-ts
                    url: udp://0.0.0.0:5000
            """;

    @Test
    void minimalFileGetsTheDocumentedDefaults() {
        GatewayConfig config = ConfigLoader.parse(MINIMAL, Map.of());
        assertThat(config.archive().segmentSeconds()).isEqualTo(60);
        assertThat(config.archive().retentionDays()).isEqualTo(1096);
        assertThat(config.http().port()).isEqualTo(8090);
        assertThat(config.live().segmentSeconds()).isEqualTo(2);
        assertThat(config.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(config.detection().enabled()).isTrue();
        assertThat(config.room("room-101").sources())
                .extracting(SourceConfig::type)
                .containsExactly(SourceType.RTSP, SourceType.UDP_TS);
        assertThat(config.archive().root()).isEqualTo(Path.of("/srv/archive"));
    }

    @Test
    void environmentOverridesTheFile() {
        GatewayConfig config = ConfigLoader.parse(
                MINIMAL,
                Map.of(
                        "EXAMHALL_GATEWAY_HTTP_PORT", "9100",
                        "EXAMHALL_GATEWAY_EXAM_SERVER_URL", "http://other:8080",
                        "EXAMHALL_GATEWAY_TOKEN", "from-env",
                        "EXAMHALL_GATEWAY_SEGMENT_SECONDS", "30",
                        "PATH", "/usr/bin"));
        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.examServer().url()).isEqualTo("http://other:8080");
        assertThat(config.examServer().token()).isEqualTo("from-env");
        assertThat(config.archive().segmentSeconds()).isEqualTo(30);
        assertThat(config.examServer().toString()).doesNotContain("from-env");
    }

    @Test
    void theTokenMayComeFromAMountedSecretFile(@TempDir Path dir) throws IOException {
        Path token = Files.writeString(dir.resolve("gateway-token"), "from-file\n");

        GatewayConfig config = ConfigLoader.parse(MINIMAL, Map.of("EXAMHALL_GATEWAY_TOKEN_FILE", token.toString()));

        assertThat(config.examServer().token()).isEqualTo("from-file");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        MINIMAL,
                        Map.of(
                                "EXAMHALL_GATEWAY_TOKEN_FILE",
                                dir.resolve("absent").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXAMHALL_GATEWAY_TOKEN_FILE");
    }

    @Test
    void retentionShorterThanThreeYearsIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL, Map.of("EXAMHALL_GATEWAY_RETENTION_DAYS", "365")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("1096");
    }

    @Test
    void shortRetentionOnlyWhenATestAsksForIt() {
        String yaml = MINIMAL.replace(
                "  root: /srv/archive",
                "  root: /srv/archive\n  retentionDays: 2\n  allowShortRetentionForTests: true");
        assertThat(ConfigLoader.parse(yaml, Map.of()).archive().retentionDays()).isEqualTo(2);
    }

    @Test
    void unknownEnvironmentVariableAndUnknownKeyAreErrorsNotTyposIgnored() {
        assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL, Map.of("EXAMHALL_GATEWAY_HTTP_PROT", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXAMHALL_GATEWAY_HTTP_PROT");
        assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL + "retentionDayz: 3\n", Map.of()))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void roomIdsMustBeSafeForPathsAndUrls() {
        assertThatThrownBy(() -> ConfigLoader.parse(MINIMAL.replace("room-101", "../etc"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("room id");
    }
}
