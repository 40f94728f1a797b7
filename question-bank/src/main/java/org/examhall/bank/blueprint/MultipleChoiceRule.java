package org.examhall.bank.blueprint;

import java.math.BigDecimal;

/** How a multiple-choice answer that is not exactly the key is scored. */
public enum MultipleChoiceRule {
    /** Full points for exactly the key, nothing otherwise. The national default. */
    ALL_OR_NOTHING,
    /**
     * Full points for exactly the key; any wrong option gives zero; otherwise
     * {@link #PARTIAL_CREDIT_PER_OPTION} for each correct option chosen, at most the question's points.
     */
    PARTIAL;

    public static final BigDecimal PARTIAL_CREDIT_PER_OPTION = new BigDecimal("0.5");
}
