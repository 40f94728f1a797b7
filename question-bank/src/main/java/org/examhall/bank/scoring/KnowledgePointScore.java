package org.examhall.bank.scoring;

import java.math.BigDecimal;

/**
 * The marks of the questions testing one knowledge point. A question with several knowledge points
 * counts in full towards each, so these do not add up to the paper's score.
 */
public record KnowledgePointScore(String knowledgePoint, int questions, BigDecimal earned, BigDecimal possible) {}
