package org.examhall.bank.io;

import org.examhall.bank.question.QuestionField;

/** How a source names the place a question field came from, so problems point where the user looks. */
interface ColumnNames {

    String of(QuestionField field);

    String option(int index);
}
