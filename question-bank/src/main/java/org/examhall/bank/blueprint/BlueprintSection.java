package org.examhall.bank.blueprint;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.examhall.bank.question.QuestionType;

/**
 * One part of a paper: {@code count} questions of one type worth {@code pointsEach}. Knowledge-point
 * quotas are minimums; difficulty bands, when given, are exact counts that together cover the section.
 */
public record BlueprintSection(
        QuestionType type,
        int count,
        BigDecimal pointsEach,
        List<KnowledgePointQuota> knowledgePointQuotas,
        List<DifficultyBand> difficultyBands) {

    public BlueprintSection {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pointsEach, "pointsEach");
        knowledgePointQuotas = knowledgePointQuotas == null ? List.of() : List.copyOf(knowledgePointQuotas);
        difficultyBands = difficultyBands == null ? List.of() : List.copyOf(difficultyBands);
    }

    public static BlueprintSection of(QuestionType type, int count, String pointsEach) {
        return new BlueprintSection(type, count, new BigDecimal(pointsEach), List.of(), List.of());
    }

    public BlueprintSection withQuotas(List<KnowledgePointQuota> quotas) {
        return new BlueprintSection(type, count, pointsEach, quotas, difficultyBands);
    }

    public BlueprintSection withBands(List<DifficultyBand> bands) {
        return new BlueprintSection(type, count, pointsEach, knowledgePointQuotas, bands);
    }

    public BigDecimal points() {
        return pointsEach.multiply(BigDecimal.valueOf(count));
    }
}
