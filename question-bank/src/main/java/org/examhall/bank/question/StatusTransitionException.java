package org.examhall.bank.question;

import org.examhall.bank.LocalizedText;

/** A status change the life cycle does not allow, e.g. RETIRED → ACTIVE. */
public final class StatusTransitionException extends IllegalStateException {

    private final transient LocalizedText text;

    public StatusTransitionException(QuestionRef ref, QuestionStatus from, QuestionStatus to) {
        this(new LocalizedText(
                "试题 " + ref + " 不能从 " + from + " 变为 " + to + "，允许：" + from.successors(),
                "question " + ref + " cannot move from " + from + " to " + to + "; allowed: " + from.successors()));
    }

    private StatusTransitionException(LocalizedText text) {
        super(text.toString());
        this.text = text;
    }

    public LocalizedText text() {
        return text;
    }
}
