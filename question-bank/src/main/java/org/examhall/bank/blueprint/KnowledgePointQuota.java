package org.examhall.bank.blueprint;

import java.util.Objects;

/** At least {@code minCount} questions of a section must test this knowledge point. */
public record KnowledgePointQuota(String knowledgePoint, int minCount) {

    public KnowledgePointQuota {
        Objects.requireNonNull(knowledgePoint, "knowledgePoint");
    }
}
