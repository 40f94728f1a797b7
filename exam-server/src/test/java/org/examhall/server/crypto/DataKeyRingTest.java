package org.examhall.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.examhall.protocol.config.ConfigException;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.protocol.crypto.Sm4Cipher;
import org.examhall.server.config.ConfigLoader;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.DataKeyRing.UnknownDataKeyException;
import org.junit.jupiter.api.Test;

/** The data key ring without a server: envelopes name their key, old values still read, unknown keys say so. */
class DataKeyRingTest {

    private static final byte[] KEY_A = Hex.decode("00112233445566778899aabbccddeeff");
    private static final byte[] KEY_B = Hex.decode("ffeeddccbbaa99887766554433221100");
    private static final byte[] KEY_C = Hex.decode("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    private static final byte[] ID_NUMBER = "11010519491231002X".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aValueNamesTheKeyThatMadeItAndReadsBack() {
        DataKeyRing ring = new DataKeyRing(KEY_A, List.of());

        byte[] stored = ring.encrypt(ID_NUMBER);

        assertThat(Arrays.copyOf(stored, 4)).isEqualTo(new byte[] {'E', 'H', 'K', 1});
        assertThat(Hex.toHexString(stored, 4, 8)).isEqualTo(ring.currentKeyId());
        assertThat(ring.currentKeyId()).isEqualTo(Hex.toHexString(Sm3.digest(KEY_A), 0, 8));
        assertThat(Arrays.copyOf(stored, DataKeyRing.HEADER_BYTES)).isEqualTo(ring.currentHeader());
        assertThat(ring.isCurrent(stored)).isTrue();
        assertThat(ring.decrypt(stored)).isEqualTo(ID_NUMBER);
    }

    @Test
    void aValueStoredByTheCodeBeforeKeyIdsStillReadsUnderWhicheverKeyMadeIt() {
        // Exactly what PersonRegistry stored before this change: Sm4Cipher's nonce, ciphertext and tag.
        byte[] legacy = new Sm4Cipher(KEY_A).encrypt(ID_NUMBER);

        assertThat(new DataKeyRing(KEY_A, List.of()).decrypt(legacy)).isEqualTo(ID_NUMBER);
        DataKeyRing rotated = new DataKeyRing(KEY_B, List.of(KEY_A));
        assertThat(rotated.decrypt(legacy)).isEqualTo(ID_NUMBER);
        assertThat(rotated.isCurrent(legacy)).isFalse();
    }

    @Test
    void aValueStoredByTheCodeBeforeKeyIdsPinnedAsBytes() {
        // Made by Sm4Cipher(KEY_A).encrypt("11010519491231002X") as PersonRegistry stored ID numbers before key
        // ids: 12 bytes of nonce, then ciphertext and tag. Kept as bytes, as such values sit in databases now.
        byte[] stored = Hex.decode(
                "e48f139161fdc9285b556871d3a95125ebc694548e4ab47e2cc8db028beeed35cdbc74a352d3f745899dab4ed5fe");

        assertThat(new DataKeyRing(KEY_B, List.of(KEY_A)).decrypt(stored)).isEqualTo(ID_NUMBER);
    }

    @Test
    void afterARotationNewValuesUseTheNewKeyAndOldOnesStillRead() {
        byte[] underA = new DataKeyRing(KEY_A, List.of()).encrypt(ID_NUMBER);
        DataKeyRing rotated = new DataKeyRing(KEY_B, List.of(KEY_A));

        byte[] underB = rotated.encrypt(ID_NUMBER);

        assertThat(rotated.decrypt(underA)).isEqualTo(ID_NUMBER);
        assertThat(rotated.isCurrent(underA)).isFalse();
        assertThat(rotated.isCurrent(underB)).isTrue();
        assertThat(Hex.toHexString(underB, 4, 8)).isEqualTo(DataKeyRing.keyId(KEY_B));
        assertThat(rotated.previousKeyIds()).containsExactly(DataKeyRing.keyId(KEY_A));
        assertThat(new DataKeyRing(KEY_B, List.of()).decrypt(underB)).isEqualTo(ID_NUMBER);
    }

    @Test
    void aValueUnderAKeyTheRingDoesNotHoldIsAClearErrorNamingTheKey() {
        byte[] underA = new DataKeyRing(KEY_A, List.of()).encrypt(ID_NUMBER);
        byte[] legacyUnderA = new Sm4Cipher(KEY_A).encrypt(ID_NUMBER);
        DataKeyRing onlyB = new DataKeyRing(KEY_B, List.of(KEY_C));

        assertThatThrownBy(() -> onlyB.decrypt(underA))
                .isInstanceOfSatisfying(
                        UnknownDataKeyException.class,
                        e -> assertThat(e.keyId()).isEqualTo(DataKeyRing.keyId(KEY_A)))
                .hasMessageContaining(DataKeyRing.keyId(KEY_A))
                .hasMessageContaining("security.previousDataKeys");
        assertThatThrownBy(() -> onlyB.decrypt(legacyUnderA))
                .isInstanceOfSatisfying(
                        UnknownDataKeyException.class,
                        e -> assertThat(e.keyId()).isNull())
                .hasMessageContaining("security.previousDataKeys");
    }

    @Test
    void anAlteredValueFailsRatherThanDecryptingToGarbage() {
        DataKeyRing ring = new DataKeyRing(KEY_B, List.of(KEY_A));
        byte[] stored = ring.encrypt(ID_NUMBER);
        stored[stored.length - 1] ^= 1;

        assertThatThrownBy(() -> ring.decrypt(stored))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(UnknownDataKeyException.class)
                .hasMessageContaining("altered");
    }

    @Test
    void previousKeysComeFromTheConfigurationOrTheEnvironmentAndAreChecked() {
        ExamhallConfig config = ConfigLoader.load(
                null,
                Map.of(
                        "EXAMHALL_MODE",
                        "production",
                        "EXAMHALL_DATA_KEY",
                        Hex.toHexString(KEY_B),
                        "EXAMHALL_INDEX_KEY",
                        "ab".repeat(32),
                        "EXAMHALL_PREVIOUS_DATA_KEYS",
                        Hex.toHexString(KEY_A) + ", " + Hex.toHexString(KEY_C)));

        DataKeyRing ring = KeyMaterial.from(config).dataCipher();

        assertThat(ring.currentKeyId()).isEqualTo(DataKeyRing.keyId(KEY_B));
        assertThat(ring.previousKeyIds()).containsExactly(DataKeyRing.keyId(KEY_A), DataKeyRing.keyId(KEY_C));

        config.security.previousDataKeys = List.of(Hex.toHexString(KEY_A), "not-hex");
        assertThatThrownBy(() -> KeyMaterial.from(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.previousDataKeys[1]");
        config.security.previousDataKeys = List.of("0011");
        assertThatThrownBy(() -> KeyMaterial.from(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.previousDataKeys[0] must be 32 hex digits");
        config.security.previousDataKeys = List.of(Hex.toHexString(KEY_B));
        assertThatThrownBy(() -> KeyMaterial.from(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is the current security.dataKey");
    }
}
