package org.examhall.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sm3Test {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void digestOfAbcMatchesTheGbT32905StandardVector() {
        assertThat(Sm3.hex(ascii("abc"))).isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void digestOfTheStandardsSixtyFourByteMessageMatchesItsSecondVector() {
        assertThat(Sm3.hex(ascii("abcd".repeat(16))))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void digestOfSeveralPartsIsTheDigestOfTheirConcatenation() {
        // The audit chain hashes prev-hash ‖ entry by passing the two parts separately.
        assertThat(Sm3.hex(ascii("a"), ascii("bc"))).isEqualTo(Sm3.hex(ascii("abc")));
        assertThat(Sm3.digest(ascii("ab"), ascii("c"))).isEqualTo(Hex.decode(Sm3.hex(ascii("abc"))));
    }

    @Test
    void keyedDigestDependsOnTheKeyAndIsStableForTheSameKey() {
        byte[] key = Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] otherKey = Hex.decode("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] message = ascii("resident-id:11010519491231002X");

        assertThat(Sm3.hmac(key, message)).hasSize(32).isEqualTo(Sm3.hmac(key, message));
        assertThat(Sm3.hmac(otherKey, message)).isNotEqualTo(Sm3.hmac(key, message));
        // Keyed, so it is not the plain digest an attacker could compute over the small ID-number space.
        assertThat(Sm3.hmac(key, message)).isNotEqualTo(Sm3.digest(message));
    }

    @Test
    void textFilesStreamsAndDigestsFedPieceByPieceHashLikeTheirBytes(@TempDir Path dir) throws Exception {
        // Longer than the 64 KiB read buffer, as video segments are.
        byte[] segment = new byte[200_000];
        Arrays.fill(segment, (byte) 0x47);
        Path file = Files.write(dir.resolve("segment.ts"), segment);
        SM3Digest fed = new SM3Digest();
        fed.update(segment, 0, 1000);
        fed.update(segment, 1000, segment.length - 1000);

        assertThat(Sm3.hex("考场-abc")).isEqualTo(Sm3.hex("考场-abc".getBytes(StandardCharsets.UTF_8)));
        assertThat(Sm3.hex(file)).isEqualTo(Sm3.hex(segment));
        assertThat(Sm3.hex(new ByteArrayInputStream(segment))).isEqualTo(Sm3.hex(segment));
        assertThat(Sm3.hex(fed)).isEqualTo(Sm3.hex(segment));
    }
}
