package org.examhall.bank.io;

import org.examhall.bank.question.QuestionContent;

/** A row that parsed into a valid question, with where it came from. */
public record ParsedRow(int row, QuestionContent content) {}
