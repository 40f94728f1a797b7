package org.examhall.bank.assembly;

import java.util.Objects;
import org.examhall.bank.question.Question;

/**
 * One question on a server-side paper: the exact version drawn and how its options were arranged.
 *
 * @param number the question's number on the paper, from 1, across all sections
 */
public record PaperItem(int number, Question question, OptionOrder optionOrder) {

    public PaperItem {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(optionOrder, "optionOrder");
        if (optionOrder.size() != question.content().options().size()) {
            throw new IllegalArgumentException("option order of " + question.ref() + " has " + optionOrder.size()
                    + " positions for " + question.content().options().size() + " options");
        }
    }

    /** The option text shown at a display position. */
    public String optionShownAt(int position) {
        return question.content().options().get(optionOrder.originalAt(position));
    }
}
