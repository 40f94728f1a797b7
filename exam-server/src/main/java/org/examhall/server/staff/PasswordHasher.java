package org.examhall.server.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=..,t=..,p=1$salt$hash}),
 * so the cost can be raised later without breaking stored hashes. CPU- and memory-heavy by design:
 * call only from worker threads.
 */
public final class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKiB;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(int memoryKiB, int iterations) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKiB, iterations, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    /** False for a wrong password and for a stored hash that cannot be read (a corrupt row refuses, never fails open). */
    public boolean verify(String password, String stored) {
        try {
            return verifyParsed(password, stored);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private boolean verifyParsed(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            return false;
        }
        int m = 0;
        int t = 0;
        for (String param : parts[3].split(",")) {
            String[] kv = param.split("=", 2);
            switch (kv[0]) {
                case "m" -> m = Integer.parseInt(kv[1]);
                case "t" -> t = Integer.parseInt(kv[1]);
                default -> {}
            }
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] expected = B64D.decode(parts[5]);
        return MessageDigest.isEqual(expected, derive(password, salt, m, t, expected.length));
    }

    /** Spends the same work as a real check, so an unknown username takes as long as a wrong password. */
    public void burn(String password) {
        derive(password, new byte[SALT_BYTES], memoryKiB, iterations, HASH_BYTES);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKiB, int iterations, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(1)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
