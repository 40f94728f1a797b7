package org.examhall.bank.scoring;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.examhall.bank.question.OptionLabels;

/**
 * A candidate's final answers: for each item number, the option labels chosen as displayed on the
 * candidate's paper. Items without an entry are unanswered.
 */
public final class Responses {

    private static final Responses NONE = new Responses(Map.of());

    private final Map<Integer, Integer> displayedMaskByItem;

    private Responses(Map<Integer, Integer> displayedMaskByItem) {
        this.displayedMaskByItem = displayedMaskByItem;
    }

    public static Responses none() {
        return NONE;
    }

    /**
     * Answers as labels, e.g. {1: "A", 71: "B", 95: "ACD"}. An empty string counts as unanswered.
     *
     * @throws IllegalArgumentException for anything but the letters A–F
     */
    public static Responses ofLabels(Map<Integer, String> labelsByItem) {
        Map<Integer, Integer> masks = new TreeMap<>();
        labelsByItem.forEach((item, labels) -> {
            int mask = OptionLabels.maskOf(labels);
            if (mask < 0) {
                throw new IllegalArgumentException("item " + item + ": not option labels A-F: " + labels);
            }
            if (mask != 0) {
                masks.put(item, mask);
            }
        });
        return new Responses(Collections.unmodifiableMap(masks));
    }

    /** The displayed positions chosen for an item as a bit set (A = bit 0); 0 when unanswered. */
    public int chosenPositions(int itemNumber) {
        return displayedMaskByItem.getOrDefault(itemNumber, 0);
    }
}
