package org.examhall.server.institutions;

import java.util.Locale;
import java.util.Optional;

/**
 * A 统一社会信用代码 checked against GB 32100-2015: 18 characters from the code alphabet (no I, O,
 * S, V, Z), the last being the check character over the first 17 with weights 3^i mod 31.
 */
public final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {}

    /** The normalised (trimmed, upper-case) code, or empty when it is not a valid code. */
    public static Optional<String> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String code = input.trim().toUpperCase(Locale.ROOT);
        if (code.length() != 18 || code.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
            return Optional.empty();
        }
        return checkCharacter(code.substring(0, 17)) == code.charAt(17) ? Optional.of(code) : Optional.empty();
    }

    /** The check character for the first 17 characters (which must be from the alphabet). */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }
}
