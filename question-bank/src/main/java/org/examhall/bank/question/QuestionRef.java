package org.examhall.bank.question;

import java.util.Objects;

/** One exact version of a question; papers hold these so that later edits never change a drawn paper. */
public record QuestionRef(String id, int version) implements Comparable<QuestionRef> {

    public QuestionRef {
        Objects.requireNonNull(id, "id");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
    }

    @Override
    public int compareTo(QuestionRef other) {
        int byId = id.compareTo(other.id);
        return byId != 0 ? byId : Integer.compare(version, other.version);
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
