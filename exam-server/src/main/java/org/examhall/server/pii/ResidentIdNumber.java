package org.examhall.server.pii;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A 18-character 居民身份证号 checked against GB 11643-1999: six-digit region code, a real birth
 * date, a three-digit sequence, and the ISO 7064 MOD 11-2 check character (0–9 or X).
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private final String value;

    private ResidentIdNumber(String value) {
        this.value = value;
    }

    /** Normalises (trims, upper-cases the X) and validates; empty with no reason leaked beyond "invalid". */
    public static Optional<ResidentIdNumber> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String s = input.trim().toUpperCase(Locale.ROOT);
        if (!s.matches("\\d{17}[\\dX]") || s.charAt(0) == '0') {
            return Optional.empty();
        }
        try {
            LocalDate birth = LocalDate.of(
                    Integer.parseInt(s.substring(6, 10)),
                    Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14)));
            if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now())) {
                return Optional.empty();
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return checkCharacter(s.substring(0, 17)) == s.charAt(17)
                ? Optional.of(new ResidentIdNumber(s))
                : Optional.empty();
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public String value() {
        return value;
    }

    /** For display to staff: region and check character hidden in the middle, e.g. 110105********123X. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }
}
