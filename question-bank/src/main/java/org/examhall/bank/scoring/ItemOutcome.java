package org.examhall.bank.scoring;

/** How one answer fared. */
public enum ItemOutcome {
    CORRECT,
    /** Some correct options and no wrong one, under the partial-credit rule. */
    PARTIAL,
    WRONG,
    UNANSWERED
}
