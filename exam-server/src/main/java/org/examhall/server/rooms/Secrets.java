package org.examhall.server.rooms;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.examhall.protocol.crypto.Sm3;

/**
 * Random one-time codes and device credentials, stored only as SM3 hashes. They carry enough
 * entropy that a plain hash is safe (unlike passwords, they are never chosen by people).
 */
public final class Secrets {

    /** No 0/O, 1/I/L: enrolment codes are read off a screen and typed at the terminal. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public static String enrolCode() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            out.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return out.toString();
    }

    public static String credential() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        return Sm3.hex(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Codes are typed by people: spaces and case do not matter. */
    public static String normaliseCode(String typed) {
        return typed.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
    }
}
