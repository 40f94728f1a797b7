package org.examhall.bank.assembly;

import java.util.BitSet;

/** What one paper's draw has decided so far, across its sections. */
final class DrawState {

    private final BitSet selected;
    private final BitSet avoided;
    private final ExposureGuard exposure;
    private int exposureRefusals;

    /**
     * @param avoided questions to use only when nothing else is left, e.g. those of a previous paper
     */
    DrawState(int questionCount, BitSet avoided, ExposureGuard exposure) {
        this.selected = new BitSet(questionCount);
        this.avoided = avoided;
        this.exposure = exposure;
    }

    boolean isSelected(int index) {
        return selected.get(index);
    }

    boolean isAvoided(int index) {
        return avoided.get(index);
    }

    /** Asks the exposure guard, remembering refusals so a failure can say exposure was the cause. */
    boolean exposureAllows(int index) {
        if (exposure.allows(index)) {
            return true;
        }
        exposureRefusals++;
        return false;
    }

    void select(int index) {
        selected.set(index);
        exposure.taken(index);
    }

    int exposureRefusals() {
        return exposureRefusals;
    }

    int sharedLimit() {
        return exposure.sharedLimit();
    }
}
