package org.examhall.protocol.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    /** RFC 6238 Appendix B: the SHA1 seed is the ASCII string "12345678901234567890". */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @ParameterizedTest(name = "T={0}s -> {1}")
    @CsvSource({
        "59, 287082",
        "1111111109, 081804",
        "1111111111, 050471",
        "1234567890, 005924",
        "2000000000, 279037",
        "20000000000, 353130"
    })
    void codesMatchTheRfc6238Sha1TestVectors(long epochSeconds, String expected) {
        // The RFC lists 8-digit codes; a 6-digit code is the same value modulo 10^6, zero-padded.
        assertThat(Totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(epochSeconds))).isEqualTo(expected);
    }

    @Test
    void theRfcSecretInBase32IsTheAsciiSeed() {
        assertThat(Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(RFC_SECRET);
        assertThat(new String(Totp.base32Decode(RFC_SECRET), StandardCharsets.US_ASCII))
                .isEqualTo("12345678901234567890");
    }

    @Test
    void secretsAsAuthenticatorAppsShowThemAreAccepted() {
        // Lower case, groups separated by spaces, and padding all decode to the same key.
        String shown = "gezd gnbv gy3t qojq gezd gnbv gy3t qojq";
        assertThat(Totp.codeAt(shown, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.base32Decode("MY======")).isEqualTo("f".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aSecretWithCharactersOutsideBase32IsRejected() {
        assertThatThrownBy(() -> Totp.codeAt("GEZDGNBVGY3TQOJ1", Instant.ofEpochSecond(59)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codeTimestepIsThirtySeconds() {
        Instant stepStart = Instant.ofEpochSecond(1234567890L / 30 * 30);

        assertThat(Totp.codeAt(RFC_SECRET, stepStart.plusSeconds(29))).isEqualTo(Totp.codeAt(RFC_SECRET, stepStart));
        assertThat(Totp.codeAt(RFC_SECRET, stepStart.plusSeconds(30))).isNotEqualTo(Totp.codeAt(RFC_SECRET, stepStart));
    }

    @Test
    void currentCodeMatchesTheCurrentStep() {
        Instant now = Instant.ofEpochSecond(1234567890);

        assertThat(Totp.matchingStep(RFC_SECRET, "005924", now)).isEqualTo(OptionalLong.of(1234567890L / 30));
    }

    @Test
    void codesOneStepEitherSideAreAcceptedForClockDrift() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = 1234567890L / 30;
        String previous = Totp.codeAt(RFC_SECRET, now.minusSeconds(30));
        String next = Totp.codeAt(RFC_SECRET, now.plusSeconds(30));

        assertThat(Totp.matchingStep(RFC_SECRET, previous, now)).isEqualTo(OptionalLong.of(step - 1));
        assertThat(Totp.matchingStep(RFC_SECRET, next, now)).isEqualTo(OptionalLong.of(step + 1));
    }

    @Test
    void codesTwoStepsAwayAreRejected() {
        Instant now = Instant.ofEpochSecond(1234567890);
        String twoBefore = Totp.codeAt(RFC_SECRET, now.minusSeconds(60));
        String twoAfter = Totp.codeAt(RFC_SECRET, now.plusSeconds(60));

        assertThat(Totp.matchingStep(RFC_SECRET, twoBefore, now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, twoAfter, now)).isEmpty();
    }

    @Test
    void aCodeOfAnotherSecretIsRejected() {
        Instant now = Instant.ofEpochSecond(1234567890);
        String other = "JBSWY3DPEHPK3PXP";

        assertThat(Totp.matchingStep(other, "005924", now)).isEmpty();
        assertThat(Totp.matchingStep(other, Totp.codeAt(other, now), now)).isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"28708a", "2870 2", "28708", "0287082", "+87082", "-87082", "２８７０８２", "287082\n"})
    void inputThatIsNotExactlySixAsciiDigitsIsRejected(String code) {
        assertThat(Totp.matchingStep(RFC_SECRET, code, Instant.ofEpochSecond(59)))
                .isEmpty();
    }

    @Test
    void newSecretsAreTwentyRandomBytesInBase32() {
        String first = Totp.newSecret();
        String second = Totp.newSecret();

        assertThat(first).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.base32Decode(first)).hasSize(20);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void otpauthUriCarriesWhatAuthenticatorAppsNeed() {
        String uri = Totp.otpauthUri("examhall", "zhang san", RFC_SECRET);

        assertThat(uri)
                .startsWith("otpauth://totp/examhall:zhang%20san?")
                .contains("secret=" + RFC_SECRET, "issuer=examhall", "algorithm=SHA1", "digits=6", "period=30");
    }
}
