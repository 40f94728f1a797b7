package org.examhall.bank.scoring;

import java.math.BigDecimal;
import org.examhall.bank.question.QuestionType;

/** The marks of one section; {@code correct} counts fully correct answers only. */
public record SectionScore(QuestionType type, int questions, int correct, BigDecimal earned, BigDecimal possible) {}
