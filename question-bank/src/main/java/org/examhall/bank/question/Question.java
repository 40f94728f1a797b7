package org.examhall.bank.question;

import java.util.Objects;

/** One version of a question with its review status. Instances never change; edits make new versions. */
public record Question(String id, int version, QuestionStatus status, QuestionContent content) {

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(content, "content");
        if (id.isBlank()) {
            throw new IllegalArgumentException("question id must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
    }

    public QuestionRef ref() {
        return new QuestionRef(id, version);
    }

    public QuestionType type() {
        return content.type();
    }

    public boolean isActive() {
        return status == QuestionStatus.ACTIVE;
    }

    /** This version in another status; throws when the life cycle forbids the change. */
    public Question withStatus(QuestionStatus next) {
        if (!status.canBecome(next)) {
            throw new StatusTransitionException(ref(), status, next);
        }
        return new Question(id, version, next, content);
    }
}
