package org.examhall.bank.question;

import org.examhall.bank.LocalizedText;

/** Why a question's content is not acceptable, and which part of it is wrong. */
public record QuestionProblem(QuestionField field, LocalizedText reason) {

    static QuestionProblem of(QuestionField field, String zh, String en) {
        return new QuestionProblem(field, new LocalizedText(zh, en));
    }
}
