package org.examhall.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(8 * 1024, 1);

    @Test
    void theRightPasswordVerifies() {
        String stored = hasher.hash("correct-horse-12345");

        assertThat(hasher.verify("correct-horse-12345", stored)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNotVerify() {
        String stored = hasher.hash("correct-horse-12345");

        assertThat(hasher.verify("correct-horse-12346", stored)).isFalse();
        assertThat(hasher.verify("Correct-horse-12345", stored)).isFalse();
        assertThat(hasher.verify("", stored)).isFalse();
    }

    @Test
    void nonAsciiPasswordsVerify() {
        String stored = hasher.hash("安全生产考试-密码-2024");

        assertThat(hasher.verify("安全生产考试-密码-2024", stored)).isTrue();
        assertThat(hasher.verify("安全生产考试-密码-2025", stored)).isFalse();
    }

    @Test
    void hashIsAnArgon2idPhcStringWithTheConfiguredCost() {
        String stored = hasher.hash("correct-horse-12345");

        assertThat(stored).startsWith("$argon2id$v=19$m=8192,t=1,p=1$");
        String[] parts = stored.split("\\$");
        assertThat(parts).hasSize(6);
        assertThat(parts[4]).as("salt, unpadded Base64 of 16 bytes").matches("[A-Za-z0-9+/]{22}");
        assertThat(parts[5]).as("hash, unpadded Base64 of 32 bytes").matches("[A-Za-z0-9+/]{43}");
        assertThat(stored).doesNotContain("correct-horse");
    }

    @Test
    void twoHashesOfTheSamePasswordDifferButBothVerify() {
        String first = hasher.hash("correct-horse-12345");
        String second = hasher.hash("correct-horse-12345");

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.verify("correct-horse-12345", first)).isTrue();
        assertThat(hasher.verify("correct-horse-12345", second)).isTrue();
    }

    @Test
    void storedHashesStillVerifyAfterTheCostIsRaised() {
        String stored = hasher.hash("correct-horse-12345");
        PasswordHasher stronger = new PasswordHasher(16 * 1024, 2);

        assertThat(stronger.verify("correct-horse-12345", stored)).isTrue();
        assertThat(stronger.verify("wrong-horse-12345", stored)).isFalse();
        assertThat(stronger.hash("correct-horse-12345")).startsWith("$argon2id$v=19$m=16384,t=2,p=1$");
    }

    @Test
    void alteredStoredHashesDoNotVerify() {
        String stored = hasher.hash("correct-horse-12345");
        String[] parts = stored.split("\\$");
        char last = parts[5].charAt(0);
        parts[5] = (last == 'A' ? 'B' : 'A') + parts[5].substring(1);

        assertThat(hasher.verify("correct-horse-12345", String.join("$", parts)))
                .isFalse();
        assertThat(hasher.verify("correct-horse-12345", stored.replace("$argon2id$", "$argon2i$")))
                .isFalse();
        assertThat(hasher.verify("correct-horse-12345", "not a hash")).isFalse();
    }
}
