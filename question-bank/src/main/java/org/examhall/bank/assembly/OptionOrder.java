package org.examhall.bank.assembly;

import java.util.Arrays;
import org.examhall.bank.question.AnswerKey;

/**
 * How a question's options were arranged on one paper: the option shown at each position, as its
 * index in the question's written order. Recorded so that a candidate's choice of "B" on the screen
 * can be mapped back to the written option it showed.
 */
public final class OptionOrder {

    // Most items of a paper keep their order (every true/false question), so those share one instance.
    private static final OptionOrder[] IDENTITIES = new OptionOrder[AnswerKey.MAX_OPTIONS + 1];

    static {
        Arrays.setAll(IDENTITIES, OptionOrder::newIdentity);
    }

    private final int[] originalAtPosition;

    private OptionOrder(int[] originalAtPosition) {
        this.originalAtPosition = originalAtPosition;
    }

    public static OptionOrder identity(int optionCount) {
        return optionCount < IDENTITIES.length ? IDENTITIES[optionCount] : newIdentity(optionCount);
    }

    private static OptionOrder newIdentity(int optionCount) {
        int[] order = new int[optionCount];
        Arrays.setAll(order, i -> i);
        return new OptionOrder(order);
    }

    /** The arrangement given as written indexes in display order; must be a permutation of 0..n-1. */
    public static OptionOrder of(int... originalAtPosition) {
        int[] copy = originalAtPosition.clone();
        boolean[] seen = new boolean[copy.length];
        for (int original : copy) {
            if (original < 0 || original >= copy.length || seen[original]) {
                throw new IllegalArgumentException("not a permutation: " + Arrays.toString(copy));
            }
            seen[original] = true;
        }
        return new OptionOrder(copy);
    }

    static OptionOrder shuffled(int optionCount, SeededRandom random) {
        OptionOrder order = newIdentity(optionCount);
        random.shuffle(order.originalAtPosition, optionCount);
        return order;
    }

    public int size() {
        return originalAtPosition.length;
    }

    public int originalAt(int position) {
        return originalAtPosition[position];
    }

    public int[] toArray() {
        return originalAtPosition.clone();
    }

    public boolean isIdentity() {
        for (int i = 0; i < originalAtPosition.length; i++) {
            if (originalAtPosition[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Maps a set of displayed positions (bit i = position i) to the set of written options. */
    public int toOriginalMask(int displayedMask) {
        int original = 0;
        for (int position = 0; position < originalAtPosition.length; position++) {
            if ((displayedMask & (1 << position)) != 0) {
                original |= 1 << originalAtPosition[position];
            }
        }
        return original;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OptionOrder that && Arrays.equals(originalAtPosition, that.originalAtPosition);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(originalAtPosition);
    }

    @Override
    public String toString() {
        return Arrays.toString(originalAtPosition);
    }
}
