package org.examhall.bank.question;

/**
 * The correct options of a question, as positions in the question's own option order (A = 0).
 * Kept as a bit set because scoring compares whole choice sets and a paper holds a hundred of them.
 */
public record AnswerKey(int mask) {

    /** Options are labelled A–F on the answer sheets bureaus use, so a question has at most six. */
    public static final int MAX_OPTIONS = 6;

    public AnswerKey {
        if (mask < 0 || mask >= 1 << MAX_OPTIONS) {
            throw new IllegalArgumentException("answer mask out of range: " + mask);
        }
    }

    public static AnswerKey ofIndexes(int... indexes) {
        int mask = 0;
        for (int index : indexes) {
            mask |= 1 << index;
        }
        return new AnswerKey(mask);
    }

    /** Parses option letters such as "A" or "ABD". */
    public static AnswerKey ofLetters(String letters) {
        int mask = OptionLabels.maskOf(letters);
        if (mask < 0) {
            throw new IllegalArgumentException("not option letters A-F: " + letters);
        }
        return new AnswerKey(mask);
    }

    public boolean contains(int optionIndex) {
        return (mask & (1 << optionIndex)) != 0;
    }

    public int size() {
        return Integer.bitCount(mask);
    }

    public boolean isEmpty() {
        return mask == 0;
    }

    /** The highest option index named, or -1 for an empty key. */
    public int highestIndex() {
        return 31 - Integer.numberOfLeadingZeros(mask);
    }

    public String letters() {
        return OptionLabels.lettersOf(mask);
    }

    @Override
    public String toString() {
        return letters();
    }
}
