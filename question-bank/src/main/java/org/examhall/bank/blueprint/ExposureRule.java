package org.examhall.bank.blueprint;

/**
 * Limits how alike two papers of one sitting may be: any two share at most {@code maxSharedShare}
 * of their questions. 1.0 turns the limit off.
 */
public record ExposureRule(double maxSharedShare) {

    public static final ExposureRule UNLIMITED = new ExposureRule(1.0);

    /** The most questions two papers of {@code paperSize} questions may have in common. */
    public int sharedLimit(int paperSize) {
        // The small epsilon keeps shares like 0.3 × 100 from rounding down to 29 in binary floating point.
        return (int) Math.floor(maxSharedShare * paperSize + 1e-9);
    }
}
