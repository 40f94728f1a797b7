package org.examhall.bank.blueprint;

import java.math.BigDecimal;
import java.util.List;
import org.examhall.bank.question.QuestionType;

/** The national paper shapes, as starting points for a bureau's own blueprints. */
public final class StandardBlueprints {

    /** Any two papers of a sitting share at most half their questions unless a bureau decides otherwise. */
    private static final ExposureRule DEFAULT_EXPOSURE = new ExposureRule(0.5);

    private StandardBlueprints() {}

    /** Special-operations theory exam: 70 true/false + 30 single choice, 1 point each, 120 min, pass 80. */
    public static Blueprint specialOperation(String id, String category) {
        return new Blueprint(
                id,
                "特种作业理论考试",
                category,
                120,
                new BigDecimal("100"),
                new BigDecimal("80"),
                List.of(
                        BlueprintSection.of(QuestionType.TRUE_FALSE, 70, "1"),
                        BlueprintSection.of(QuestionType.SINGLE_CHOICE, 30, "1")),
                MultipleChoiceRule.ALL_OR_NOTHING,
                DEFAULT_EXPOSURE);
    }

    /** Principal / safety-manager exam: 40 true/false + 40 single + 10 multiple × 2, 60 min, pass 80. */
    public static Blueprint employee(String id, String category) {
        return new Blueprint(
                id,
                "主要负责人和安全生产管理人员考试",
                category,
                60,
                new BigDecimal("100"),
                new BigDecimal("80"),
                List.of(
                        BlueprintSection.of(QuestionType.TRUE_FALSE, 40, "1"),
                        BlueprintSection.of(QuestionType.SINGLE_CHOICE, 40, "1"),
                        BlueprintSection.of(QuestionType.MULTIPLE_CHOICE, 10, "2")),
                MultipleChoiceRule.ALL_OR_NOTHING,
                DEFAULT_EXPOSURE);
    }
}
