package org.examhall.proctor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.examhall.protocol.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStoreSettingsTest {

    @TempDir
    Path dir;

    private GatewayConfig parse(String store) {
        return ConfigLoader.parse("""
                site: county-01
                archive:
                  root: /srv/archive
                %s
                """.formatted(store.indent(2)), Map.of());
    }

    private String s3(String more) {
        return """
                store:
                  type: s3
                  endpoint: https://oss-cn-hangzhou.aliyuncs.com
                  region: cn-hangzhou
                  bucket: examhall-archive
                  prefix: county-01
                  accessKeyFile: %s
                  secretKeyFile: %s
                """.formatted(dir.resolve("access"), dir.resolve("secret")) + more.indent(2);
    }

    @Test
    void theArchiveStaysLocalUnlessAStoreIsConfigured() {
        assertThat(parse("segmentSeconds: 60").archive().store().s3()).isFalse();
    }

    @Test
    void anS3StoreGetsThreeYearsOfComplianceLockAndReadsItsKeysFromFilesKeptOutOfItsText() throws Exception {
        Files.writeString(dir.resolve("access"), "LTAI-access-id\n");
        Files.writeString(dir.resolve("secret"), "very-secret-key\n");
        ArchiveStoreSettings store = parse(s3("")).archive().store();
        assertThat(store.s3()).isTrue();
        assertThat(store.endpoint()).isEqualTo(URI.create("https://oss-cn-hangzhou.aliyuncs.com"));
        assertThat(store.prefix()).isEqualTo("county-01/");
        assertThat(store.retentionYears()).isEqualTo(3);
        assertThat(store.objectLockMode()).isEqualTo("COMPLIANCE");
        assertThat(store.accessKey()).isEqualTo("LTAI-access-id");
        assertThat(store.secretKey()).isEqualTo("very-secret-key");
        assertThat(store.toString()).doesNotContain("very-secret-key").doesNotContain("LTAI-access-id");
    }

    @Test
    void badStoreSettingsAreRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> parse(s3("retentionYears: 2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("retentionYears");
        assertThatThrownBy(() -> parse(s3("objectLockMode: forever")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("objectLockMode");
        assertThatThrownBy(() -> parse(s3("").replace("bucket: examhall-archive", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bucket");
        assertThatThrownBy(() -> parse("store: {type: ftp}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("local or s3");
    }

    @Test
    void aMissingOrMultiLineKeyFileIsNamedButItsContentNeverShown() throws Exception {
        ArchiveStoreSettings store = parse(s3("")).archive().store();
        assertThatThrownBy(store::accessKey)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("access").toString());
        Files.writeString(dir.resolve("secret"), "first-secret-line\nsecond-secret-line\n");
        assertThatThrownBy(store::secretKey)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exactly one line")
                .hasMessageNotContaining("secret-line");
    }
}
