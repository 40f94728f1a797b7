package org.examhall.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.examhall.protocol.config.ConfigException;
import org.examhall.protocol.crypto.Sm4Cipher;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.crypto.KeyMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String DATA_KEY = "00112233445566778899aabbccddeeff";
    private static final String INDEX_KEY = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("examhall.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void withoutFileOrEnvironmentTheDefaultsAreAProductionNodeOnPort8080WithTheEmbeddedDatabase() {
        // The loader falls back to ./examhall.yaml; the module directory the tests run in has none.
        assertThat(Path.of("examhall.yaml")).doesNotExist();

        ExamhallConfig config = ConfigLoader.load(null, Map.of());

        assertThat(config.http.port).isEqualTo(8080);
        assertThat(config.mode).isEqualTo(ExamhallConfig.Mode.PRODUCTION);
        assertThat(config.database.isEmbedded()).isTrue();
        assertThat(config.database.embedded.port).isEqualTo(54329);
        assertThat(config.cluster.members).isEmpty();
        assertThat(config.security.dataKey).isNull();
    }

    @Test
    void valuesInTheYamlFileAreRead() throws IOException {
        Path file = yaml("""
        mode: demo
        dataDir: /var/lib/examhall
        http:
          port: 9000
          bodyLimitBytes: 4096
        database:
          url: postgresql://exam@db.internal:5433/exam
          poolSize: 4
        cluster:
          name: province-a
          members: [10.0.0.2:5701, 10.0.0.3:5701]
        security:
          lockoutMaxFailures: 3
        """);

        ExamhallConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.mode).isEqualTo(ExamhallConfig.Mode.DEMO);
        assertThat(config.dataDir).isEqualTo("/var/lib/examhall");
        assertThat(config.http.port).isEqualTo(9000);
        assertThat(config.http.bodyLimitBytes).isEqualTo(4096);
        assertThat(config.database.url).isEqualTo("postgresql://exam@db.internal:5433/exam");
        assertThat(config.database.isEmbedded()).isFalse();
        assertThat(config.database.poolSize).isEqualTo(4);
        assertThat(config.cluster.name).isEqualTo("province-a");
        assertThat(config.cluster.members).containsExactly("10.0.0.2:5701", "10.0.0.3:5701");
        assertThat(config.security.lockoutMaxFailures).isEqualTo(3);
        // Settings the file leaves out keep their defaults.
        assertThat(config.http.host).isEqualTo("0.0.0.0");
        assertThat(config.security.lockoutMinutes).isEqualTo(15);
    }

    @Test
    void theFileNamedByExamhallConfigIsReadWhenNoFileIsGiven() throws IOException {
        Path file = yaml("http:\n  port: 9001\n");

        ExamhallConfig config = ConfigLoader.load(null, Map.of("EXAMHALL_CONFIG", file.toString()));

        assertThat(config.http.port).isEqualTo(9001);
    }

    @Test
    void environmentVariablesWinOverTheFile() throws IOException {
        Path file = yaml("""
        http:
          port: 9000
        database:
          url: postgresql://file-host/exam
        cluster:
          members: [file-host:5701]
        """);

        ExamhallConfig config = ConfigLoader.load(
                file,
                Map.of(
                        "EXAMHALL_HTTP_PORT", "9100",
                        "EXAMHALL_DB_URL", "postgresql://env-host:5432/exam",
                        "EXAMHALL_CLUSTER_MEMBERS", "node-b:5701, node-c:5702,,"));

        assertThat(config.http.port).isEqualTo(9100);
        assertThat(config.database.url).isEqualTo("postgresql://env-host:5432/exam");
        assertThat(config.cluster.members).containsExactly("node-b:5701", "node-c:5702");
    }

    @Test
    void environmentVariablesApplyWithoutAFileAndEmptyOnesAreIgnored() {
        ExamhallConfig config = ConfigLoader.load(
                null,
                Map.of(
                        "EXAMHALL_HTTP_PORT", "",
                        "EXAMHALL_MODE", "demo",
                        "EXAMHALL_DATA_KEY", DATA_KEY));

        assertThat(config.http.port).isEqualTo(8080);
        assertThat(config.mode).isEqualTo(ExamhallConfig.Mode.DEMO);
        assertThat(config.security.dataKey).isEqualTo(DATA_KEY);
    }

    @Test
    void anUnknownKeyIsRefusedNamingTheKey() throws IOException {
        Path nested = yaml("http:\n  prot: 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(nested, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("prot");

        Path topLevel = yaml("databse:\n  url: postgresql://h/db\n");
        assertThatThrownBy(() -> ConfigLoader.load(topLevel, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("databse");
    }

    @Test
    void anEmptyOrCommentedOutFileMeansAllDefaults() throws IOException {
        for (String text : new String[] {"", "# http:\n#   port: 9000\n", "---\n"}) {
            ExamhallConfig config = ConfigLoader.load(yaml(text), Map.of("EXAMHALL_HTTP_PORT", "9200"));

            assertThat(config.http.port).as("file %s", text).isEqualTo(9200);
            assertThat(config.database.isEmbedded()).isTrue();
        }
    }

    @Test
    void aValueOfTheWrongTypeInTheFileIsRefusedNamingTheFile() throws IOException {
        Path file = yaml("http:\n  port: eighty\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("eighty");
    }

    @Test
    void anUnknownModeInTheEnvironmentIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("EXAMHALL_MODE", "staging")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXAMHALL_MODE")
                .hasMessageContaining("staging");
    }

    @Test
    void aMissingFileIsAConfigurationErrorNamingTheFile() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml");
    }

    @Test
    void aNonNumericPortInTheEnvironmentIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("EXAMHALL_HTTP_PORT", "80a")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXAMHALL_HTTP_PORT");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("EXAMHALL_DB_POOL_SIZE", "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXAMHALL_DB_POOL_SIZE");
    }

    @Test
    void productionModeWithoutADataKeyIsRefusedNamingTheVariable() {
        ExamhallConfig config = ConfigLoader.load(null, Map.of("EXAMHALL_INDEX_KEY", INDEX_KEY));

        assertThatThrownBy(config::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXAMHALL_DATA_KEY");
    }

    @Test
    void productionModeWithoutAnIndexKeyIsRefusedNamingTheVariable() {
        ExamhallConfig config = ConfigLoader.load(null, Map.of("EXAMHALL_DATA_KEY", DATA_KEY));

        assertThatThrownBy(config::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXAMHALL_INDEX_KEY");
    }

    @Test
    void productionModeWithBothKeysAndADatabaseOfItsOwnValidates() {
        ExamhallConfig config = ConfigLoader.load(
                null,
                Map.of(
                        "EXAMHALL_DATA_KEY",
                        DATA_KEY,
                        "EXAMHALL_INDEX_KEY",
                        INDEX_KEY,
                        "EXAMHALL_DB_URL",
                        "postgresql://db.example:5432/examhall",
                        "EXAMHALL_DB_USER",
                        "examhall",
                        "EXAMHALL_DB_PASSWORD",
                        "s3cret"));

        assertThat(config.validate()).isSameAs(config);
    }

    @Test
    void productionModeRefusesTheEmbeddedDatabaseWhoseSuperuserHasNoPassword() {
        ExamhallConfig config =
                ConfigLoader.load(null, Map.of("EXAMHALL_DATA_KEY", DATA_KEY, "EXAMHALL_INDEX_KEY", INDEX_KEY));

        assertThatThrownBy(config::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedded PostgreSQL")
                .hasMessageContaining("EXAMHALL_DB_URL");
        config.database.embedded.allowInProduction = true;
        assertThat(config.validate()).isSameAs(config);
    }

    @Test
    void theSiteTimeZoneIsShanghaiUnlessTheFileOrTheEnvironmentSaysOtherwise() throws IOException {
        assertThat(ConfigLoader.load(null, Map.of()).site.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        Path file = yaml("site:\n  timeZone: Asia/Urumqi\n");
        assertThat(ConfigLoader.load(file, Map.of()).site.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
        assertThat(ConfigLoader.load(file, Map.of("EXAMHALL_SITE_TIME_ZONE", "UTC+08:00"))
                        .site
                        .zone())
                .isEqualTo(ZoneId.of("UTC+08:00"));
    }

    @Test
    void anUnknownSiteTimeZoneIsRefusedNamingTheSettingAndTheValue() throws IOException {
        ExamhallConfig fromFile = ConfigLoader.load(yaml("mode: demo\nsite:\n  timeZone: Asia/Beijing\n"), Map.of());
        assertThatThrownBy(fromFile::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("site.timeZone")
                .hasMessageContaining("EXAMHALL_SITE_TIME_ZONE")
                .hasMessageContaining("Asia/Beijing");
        ExamhallConfig blank = ConfigLoader.load(null, Map.of("EXAMHALL_MODE", "demo"));
        blank.site.timeZone = " ";
        assertThatThrownBy(blank::validate).isInstanceOf(ConfigException.class).hasMessageContaining("site.timeZone");
    }

    @Test
    void demoModeNeedsNoKeys() {
        ExamhallConfig config = ConfigLoader.load(null, Map.of("EXAMHALL_MODE", "DEMO"));

        assertThat(config.validate()).isSameAs(config);
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheSetting() {
        ExamhallConfig config = ConfigLoader.load(null, Map.of("EXAMHALL_MODE", "demo", "EXAMHALL_HTTP_PORT", "70000"));

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
    }

    @Test
    void demoModeGeneratesPrivateKeyFilesAndReusesThemOnTheNextStart() throws IOException {
        ExamhallConfig config =
                ConfigLoader.load(null, Map.of("EXAMHALL_MODE", "demo", "EXAMHALL_DATA_DIR", dir.toString()));

        DataKeyRing first = KeyMaterial.from(config).dataCipher();
        byte[] indexKey = KeyMaterial.from(config).indexKey();

        Path keys = dir.resolve("keys");
        for (String name : new String[] {"data.key", "index.key"}) {
            assertThat(keys.resolve(name)).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(name))))
                    .as(name)
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(keys.resolve("data.key")).trim()).matches("[0-9a-f]{32}");
        assertThat(Files.readString(keys.resolve("index.key")).trim()).matches("[0-9a-f]{64}");

        // A restarted demo loads the same keys, so it can read what it wrote before.
        ExamhallConfig restarted =
                ConfigLoader.load(null, Map.of("EXAMHALL_MODE", "demo", "EXAMHALL_DATA_DIR", dir.toString()));
        KeyMaterial again = KeyMaterial.from(restarted);
        byte[] secret = "11010519491231002X".getBytes(StandardCharsets.US_ASCII);
        assertThat(again.dataCipher().decrypt(first.encrypt(secret))).isEqualTo(secret);
        assertThat(first.decrypt(again.dataCipher().encrypt(secret))).isEqualTo(secret);
        assertThat(again.indexKey()).isEqualTo(indexKey);
    }

    @Test
    void demoModeGeneratesDifferentKeysForDifferentDataDirectories() throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        KeyMaterial first = KeyMaterial.from(
                ConfigLoader.load(null, Map.of("EXAMHALL_MODE", "demo", "EXAMHALL_DATA_DIR", a.toString())));
        KeyMaterial second = KeyMaterial.from(
                ConfigLoader.load(null, Map.of("EXAMHALL_MODE", "demo", "EXAMHALL_DATA_DIR", b.toString())));

        byte[] stored = first.dataCipher().encrypt(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> second.dataCipher().decrypt(stored)).isInstanceOf(IllegalArgumentException.class);
        assertThat(first.indexKey()).isNotEqualTo(second.indexKey());
    }

    @Test
    void configuredKeysTakePrecedenceOverGeneratedOnesInDemoMode() {
        ExamhallConfig config = ConfigLoader.load(
                null,
                Map.of(
                        "EXAMHALL_MODE",
                        "demo",
                        "EXAMHALL_DATA_DIR",
                        dir.toString(),
                        "EXAMHALL_DATA_KEY",
                        DATA_KEY,
                        "EXAMHALL_INDEX_KEY",
                        INDEX_KEY));

        KeyMaterial keys = KeyMaterial.from(config);

        assertThat(dir.resolve("keys")).doesNotExist();
        byte[] stored = new Sm4Cipher(Hex.decode(DATA_KEY)).encrypt(new byte[] {4, 2});
        assertThat(keys.dataCipher().decrypt(stored)).containsExactly(4, 2);
    }

    @Test
    void productionKeysOfTheWrongLengthOrNotHexAreRefusedNamingTheSetting() {
        ExamhallConfig shortKey =
                ConfigLoader.load(null, Map.of("EXAMHALL_DATA_KEY", "0011", "EXAMHALL_INDEX_KEY", INDEX_KEY));
        assertThatThrownBy(() -> KeyMaterial.from(shortKey))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.dataKey");

        ExamhallConfig notHex =
                ConfigLoader.load(null, Map.of("EXAMHALL_DATA_KEY", DATA_KEY, "EXAMHALL_INDEX_KEY", "zz".repeat(32)));
        assertThatThrownBy(() -> KeyMaterial.from(notHex))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.indexKey");
    }

    @Test
    void everySettingOfTheEnvironmentMayComeFromAFileAsMountedSecretsAre() throws IOException {
        Path password = Files.writeString(dir.resolve("db-password"), "s3cret\n");
        Path dataKey = Files.writeString(dir.resolve("data-key"), DATA_KEY + "\n");
        Path indexKey = Files.writeString(dir.resolve("index-key"), INDEX_KEY);
        Path token = Files.writeString(dir.resolve("metrics-token"), "scrape-me");

        ExamhallConfig config = ConfigLoader.load(
                null,
                Map.of(
                        "EXAMHALL_DB_URL", "postgresql://db.example:5432/examhall",
                        "EXAMHALL_DB_USER", "examhall",
                        "EXAMHALL_DB_PASSWORD_FILE", password.toString(),
                        "EXAMHALL_DATA_KEY_FILE", dataKey.toString(),
                        "EXAMHALL_INDEX_KEY_FILE", indexKey.toString(),
                        "EXAMHALL_METRICS_TOKEN_FILE", token.toString(),
                        // Already the path of a file: the path itself, not its content.
                        "EXAMHALL_PROVINCE_BUREAU_KEY_FILE", "/run/examhall-keys/bureau-key.pem"));

        assertThat(config.database.password).isEqualTo("s3cret");
        assertThat(config.security.dataKey).isEqualTo(DATA_KEY);
        assertThat(config.security.indexKey).isEqualTo(INDEX_KEY);
        assertThat(config.http.metricsToken).isEqualTo("scrape-me");
        assertThat(config.province.bureauKeyFile).isEqualTo("/run/examhall-keys/bureau-key.pem");
        assertThat(KeyMaterial.from(config.validate())).isNotNull();
    }

    @Test
    void aSecretFileThatIsMissingIsRefusedNamingTheVariableNeverAValue() {
        Path missing = dir.resolve("no-such-password");

        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("EXAMHALL_DB_PASSWORD_FILE", missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXAMHALL_DB_PASSWORD_FILE")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void trustedProxiesAndTheKubernetesDiscoveryComeFromTheEnvironment() {
        ExamhallConfig config = ConfigLoader.load(
                null,
                Map.of(
                        "EXAMHALL_MODE", "demo",
                        "EXAMHALL_HTTP_TRUSTED_PROXIES", "172.28.0.10, 10.0.0.7",
                        "EXAMHALL_CLUSTER_KUBERNETES_SERVICE_DNS", "exam-server-cluster.examhall.svc.cluster.local",
                        "EXAMHALL_HTTP_DRAIN_SECONDS", "25"));

        assertThat(config.http.trustedProxies).containsExactly("172.28.0.10", "10.0.0.7");
        assertThat(config.cluster.kubernetes.serviceDns).isEqualTo("exam-server-cluster.examhall.svc.cluster.local");
        assertThat(config.http.drainSeconds).isEqualTo(25);
        assertThat(config.validate()).isSameAs(config);

        config.http.trustedProxies = List.of("10.244.0.0/16");
        assertThat(config.validate()).isSameAs(config);
        config.http.trustedProxies = List.of("ingress.example");
        assertThatThrownBy(config::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.trustedProxies");

        config.http.trustedProxies = List.of();
        config.cluster.members = List.of("node-b:5701");
        assertThatThrownBy(config::validate)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.kubernetes.serviceDns")
                .hasMessageContaining("cluster.members");
    }
}
