package org.examhall.bank.blueprint;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * 组卷规则: how papers for one category are drawn and marked. A blueprint may be invalid as written
 * (an editor holds half-finished ones); {@link BlueprintValidator} says what is wrong, and assembly
 * refuses an invalid blueprint.
 *
 * @param category the operation item or employee category code the questions are drawn from
 */
public record Blueprint(
        String id,
        String title,
        String category,
        int durationMinutes,
        BigDecimal totalPoints,
        BigDecimal passMark,
        List<BlueprintSection> sections,
        MultipleChoiceRule multipleChoiceRule,
        ExposureRule exposure) {

    public Blueprint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(totalPoints, "totalPoints");
        Objects.requireNonNull(passMark, "passMark");
        title = title == null ? "" : title;
        sections = sections == null ? List.of() : List.copyOf(sections);
        multipleChoiceRule = multipleChoiceRule == null ? MultipleChoiceRule.ALL_OR_NOTHING : multipleChoiceRule;
        exposure = exposure == null ? ExposureRule.UNLIMITED : exposure;
    }

    public int questionCount() {
        return sections.stream().mapToInt(BlueprintSection::count).sum();
    }

    public Blueprint withSections(List<BlueprintSection> newSections) {
        return new Blueprint(
                id, title, category, durationMinutes, totalPoints, passMark, newSections, multipleChoiceRule, exposure);
    }

    public Blueprint withExposure(ExposureRule newExposure) {
        return new Blueprint(
                id, title, category, durationMinutes, totalPoints, passMark, sections, multipleChoiceRule, newExposure);
    }
}
