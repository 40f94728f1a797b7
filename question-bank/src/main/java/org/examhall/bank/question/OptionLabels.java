package org.examhall.bank.question;

/** The letters A–F that name option positions on papers, answer sheets and spreadsheets. */
public final class OptionLabels {

    private OptionLabels() {}

    public static char letter(int index) {
        return (char) ('A' + index);
    }

    /** The position a letter names, or -1 when it names none; lower case is accepted. */
    public static int indexOf(char letter) {
        char upper = Character.toUpperCase(letter);
        int index = upper - 'A';
        return index >= 0 && index < AnswerKey.MAX_OPTIONS ? index : -1;
    }

    /** A bit set of positions, or -1 when the text holds anything but option letters. */
    public static int maskOf(String letters) {
        int mask = 0;
        for (int i = 0; i < letters.length(); i++) {
            int index = indexOf(letters.charAt(i));
            if (index < 0) {
                return -1;
            }
            mask |= 1 << index;
        }
        return mask;
    }

    public static String lettersOf(int mask) {
        StringBuilder letters = new StringBuilder(AnswerKey.MAX_OPTIONS);
        for (int i = 0; i < AnswerKey.MAX_OPTIONS; i++) {
            if ((mask & (1 << i)) != 0) {
                letters.append(letter(i));
            }
        }
        return letters.toString();
    }
}
