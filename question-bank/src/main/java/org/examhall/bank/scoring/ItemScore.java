package org.examhall.bank.scoring;

import java.math.BigDecimal;
import org.examhall.bank.question.QuestionRef;

/**
 * The mark of one item.
 *
 * @param chosen the options chosen, as letters in the question's written order (not as displayed),
 *               so the same answer reads the same on every paper
 */
public record ItemScore(
        int number, QuestionRef question, String chosen, ItemOutcome outcome, BigDecimal earned, BigDecimal possible) {}
