package org.examhall.bank.question;

import java.util.EnumSet;
import java.util.Set;

/**
 * The review life cycle. Only ACTIVE questions go into papers; a question never returns to ACTIVE
 * after retirement, because papers already drawn would then disagree with the bank's history.
 */
public enum QuestionStatus {
    DRAFT,
    REVIEWED,
    ACTIVE,
    RETIRED;

    /** Whether a question in this status may move to {@code next}. */
    public boolean canBecome(QuestionStatus next) {
        return successors().contains(next);
    }

    public Set<QuestionStatus> successors() {
        return switch (this) {
            // A reviewer may send a reviewed question back; a draft may be dropped without review.
            case DRAFT -> EnumSet.of(REVIEWED, RETIRED);
            case REVIEWED -> EnumSet.of(DRAFT, ACTIVE, RETIRED);
            case ACTIVE -> EnumSet.of(RETIRED);
            case RETIRED -> EnumSet.noneOf(QuestionStatus.class);
        };
    }
}
