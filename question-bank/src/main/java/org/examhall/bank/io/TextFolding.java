package org.examhall.bank.io;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds the ways one text gets typed into one form, so that two questions typed by different hands
 * compare equal: full- and half-width letters and punctuation (NFKC, plus the CJK marks NFKC leaves
 * alone), letter case, and all whitespace, which in Chinese text carries no meaning (a blank
 * {@code （　）} and {@code ()} are the same gap).
 */
final class TextFolding {

    private static final String CJK_MARKS = "。、“”‘’【】〔〕《》〈〉「」『』";
    private static final String ASCII_MARKS = ".,\"\"''[]()<><>\"\"\"\"";

    private TextFolding() {}

    /**
     * Repeated until nothing changes, because lower-casing or dropping a space can leave text that
     * NFKC would change again (combining marks meeting, a compatibility space appearing).
     */
    static String fold(String text) {
        String folded = text;
        for (int pass = 0; pass < 5; pass++) {
            String next = foldOnce(folded);
            if (next.equals(folded)) {
                return next;
            }
            folded = next;
        }
        return folded;
    }

    private static String foldOnce(String text) {
        String nfkc = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
        StringBuilder folded = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(c -> {
            int mark = c < 0x10000 ? CJK_MARKS.indexOf(c) : -1;
            if (mark >= 0) {
                folded.append(ASCII_MARKS.charAt(mark));
            } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                folded.appendCodePoint(c);
            }
        });
        return folded.toString();
    }
}
