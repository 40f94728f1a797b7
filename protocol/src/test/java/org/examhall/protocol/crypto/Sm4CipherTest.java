package org.examhall.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Sm4CipherTest {

    private static final byte[] KEY = Hex.decode("0123456789abcdeffedcba9876543210");
    private static final byte[] OTHER_KEY = Hex.decode("0123456789abcdeffedcba9876543211");
    private static final byte[] ID_NUMBER = "11010519491231002X".getBytes(StandardCharsets.US_ASCII);

    @Test
    void decryptReturnsWhatWasEncrypted() {
        Sm4Cipher cipher = new Sm4Cipher(KEY);

        assertThat(cipher.decrypt(cipher.encrypt(ID_NUMBER))).isEqualTo(ID_NUMBER);
        assertThat(cipher.decrypt(cipher.encrypt(new byte[0]))).isEmpty();
        byte[] large = new byte[10_000];
        Arrays.fill(large, (byte) 7);
        assertThat(cipher.decrypt(cipher.encrypt(large))).isEqualTo(large);
    }

    @Test
    void anotherCipherWithTheSameKeyDecrypts() {
        // A restarted node (a new cipher object) must still read the data written before.
        byte[] stored = new Sm4Cipher(KEY).encrypt(ID_NUMBER);

        assertThat(new Sm4Cipher(KEY.clone()).decrypt(stored)).isEqualTo(ID_NUMBER);
    }

    @Test
    void ciphertextDoesNotContainThePlaintextAndCarriesNonceAndTag() {
        byte[] stored = new Sm4Cipher(KEY).encrypt(ID_NUMBER);

        assertThat(stored).hasSize(12 + ID_NUMBER.length + 16);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("110105");
    }

    @Test
    void encryptingTheSamePlaintextTwiceGivesDifferentCiphertexts() {
        Sm4Cipher cipher = new Sm4Cipher(KEY);

        byte[] first = cipher.encrypt(ID_NUMBER);
        byte[] second = cipher.encrypt(ID_NUMBER);

        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOf(first, 12)).as("nonce").isNotEqualTo(Arrays.copyOf(second, 12));
    }

    @Test
    void flippingAnyStoredByteMakesDecryptionFail() {
        Sm4Cipher cipher = new Sm4Cipher(KEY);
        byte[] stored = cipher.encrypt(ID_NUMBER);

        for (int i = 0; i < stored.length; i++) {
            byte[] altered = stored.clone();
            altered[i] ^= 0x01;
            int position = i;
            assertThatThrownBy(() -> cipher.decrypt(altered))
                    .as("byte %d flipped", position)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void truncatedCiphertextIsRejected() {
        Sm4Cipher cipher = new Sm4Cipher(KEY);
        byte[] stored = cipher.encrypt(ID_NUMBER);

        assertThatThrownBy(() -> cipher.decrypt(Arrays.copyOf(stored, stored.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(Arrays.copyOf(stored, 27)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decryptingWithAnotherKeyFails() {
        byte[] stored = new Sm4Cipher(KEY).encrypt(ID_NUMBER);

        assertThatThrownBy(() -> new Sm4Cipher(OTHER_KEY).decrypt(stored)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 15, 17, 24, 32})
    void keysThatAreNotSixteenBytesAreRejected(int length) {
        assertThatThrownBy(() -> new Sm4Cipher(new byte[length]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }

    @Test
    void changingTheCallersKeyArrayAfterwardsDoesNotChangeTheCipher() {
        byte[] key = KEY.clone();
        Sm4Cipher cipher = new Sm4Cipher(key);
        byte[] stored = cipher.encrypt(ID_NUMBER);

        Arrays.fill(key, (byte) 0);

        assertThat(cipher.decrypt(stored)).isEqualTo(ID_NUMBER);
    }
}
