package org.examhall.server.crypto;

import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Sm3Test {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void digestOfAbcMatchesTheGbT32905StandardVector() {
    assertThat(Sm3.hex(ascii("abc")))
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
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
}
