package org.examhall.server.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.examhall.protocol.config.ConfigException;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.server.config.ConfigLoader;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.BureauKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The province section of the configuration and where the bureau's signing key comes from. */
class ProvinceConfigTest {

    @TempDir
    Path dir;

    @Test
    void aProductionNodeWithAPlatformNeedsAllThreeKeyFiles() {
        ExamhallConfig config = ConfigLoader.load(
                null,
                Map.of(
                        "EXAMHALL_PROVINCE_URL",
                        "https://province.example/api",
                        "EXAMHALL_PROVINCE_BUREAU_ID",
                        "320100",
                        "EXAMHALL_DATA_KEY",
                        "00112233445566778899aabbccddeeff",
                        "EXAMHALL_INDEX_KEY",
                        "00".repeat(32)));
        assertThat(config.province.platformUrl).isEqualTo("https://province.example/api");
        assertThat(config.province.bureauId).isEqualTo("320100");
        assertThatThrownBy(config::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("province.bureauKeyFile");

        config.province.bureauId = "no spaces allowed";
        config.province.platformUrl = null;
        assertThatThrownBy(config::validate).hasMessageContaining("province.bureauId");
        config.province.bureauId = "320100";
        config.province.retry.jitter = 1.5;
        assertThatThrownBy(config::validate).hasMessageContaining("province.retry.jitter");
    }

    @Test
    void theDemoGeneratesTheBureauKeyPairOnceAndAProductionNodeWithoutKeysCannotSign() throws Exception {
        ExamhallConfig demo = new ExamhallConfig();
        demo.mode = ExamhallConfig.Mode.DEMO;
        demo.dataDir = dir.toString();
        ProvinceKeys first = ProvinceKeys.of(demo, BureauKeys.load(demo));
        Path privateKey = dir.resolve("keys").resolve("province-bureau-key.pem");
        assertThat(first.canSign()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
                .isEqualTo("rw-------");
        assertThat(Sm2.keyId(ProvinceKeys.of(demo, BureauKeys.load(demo)).bureauPublicKey()))
                .isEqualTo(first.keyId());

        ExamhallConfig production = new ExamhallConfig();
        production.dataDir = dir.toString();
        assertThat(ProvinceKeys.of(production, BureauKeys.load(production)).canSign())
                .isFalse();

        // A public key that is not the private key's other half is refused at start-up.
        Sm2.loadOrCreate(dir.resolve("other-key.pem"), dir.resolve("other-public.pem"));
        production.province.bureauKeyFile = privateKey.toString();
        production.province.bureauPublicKeyFile =
                dir.resolve("other-public.pem").toString();
        assertThatThrownBy(() -> ProvinceKeys.of(production, BureauKeys.load(production)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not the public half");
        production.province.bureauPublicKeyFile = dir.resolve("missing.pem").toString();
        assertThatThrownBy(() -> ProvinceKeys.of(production, BureauKeys.load(production)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("province.bureauKeyFile");
    }
}
