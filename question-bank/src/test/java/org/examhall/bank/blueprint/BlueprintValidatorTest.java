package org.examhall.bank.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.examhall.bank.TestBanks;
import org.examhall.bank.io.NationalCategories;
import org.examhall.bank.question.QuestionType;
import org.junit.jupiter.api.Test;

class BlueprintValidatorTest {

    private static final Blueprint SPECIAL = StandardBlueprints.specialOperation("BP", TestBanks.CATEGORY);

    private static List<String> fields(Blueprint blueprint) {
        return BlueprintValidator.validate(blueprint).stream()
                .map(BlueprintProblem::field)
                .toList();
    }

    @Test
    void the_national_paper_shapes_are_valid() {
        assertThat(BlueprintValidator.validate(SPECIAL)).isEmpty();
        assertThat(BlueprintValidator.validate(StandardBlueprints.employee("BP", TestBanks.CATEGORY)))
                .isEmpty();
    }

    @Test
    void section_points_must_add_up_to_the_total() {
        Blueprint short10 = SPECIAL.withSections(List.of(
                BlueprintSection.of(QuestionType.TRUE_FALSE, 70, "1"),
                BlueprintSection.of(QuestionType.SINGLE_CHOICE, 20, "1")));
        List<BlueprintProblem> problems = BlueprintValidator.validate(short10);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("totalPoints");
            assertThat(p.reason().en()).isEqualTo("sections add up to 90 points but the total is 100");
            assertThat(p.reason().zh()).isEqualTo("各部分分值合计 90 分，与总分 100 分不符");
        });
    }

    @Test
    void the_pass_mark_must_lie_within_the_total() {
        Blueprint impossible = new Blueprint(
                "BP",
                "",
                TestBanks.CATEGORY,
                120,
                new BigDecimal("100"),
                new BigDecimal("101"),
                SPECIAL.sections(),
                null,
                null);
        assertThat(fields(impossible)).containsExactly("passMark");
    }

    @Test
    void two_sections_of_one_type_are_refused() {
        Blueprint twice = SPECIAL.withSections(List.of(
                BlueprintSection.of(QuestionType.TRUE_FALSE, 50, "1"),
                BlueprintSection.of(QuestionType.TRUE_FALSE, 50, "1")));
        assertThat(fields(twice)).containsExactly("sections[1].type");
    }

    @Test
    void difficulty_bands_must_not_overlap_and_must_cover_the_section() {
        BlueprintSection section = BlueprintSection.of(QuestionType.SINGLE_CHOICE, 30, "1")
                .withBands(List.of(new DifficultyBand(1, 3, 10), new DifficultyBand(3, 5, 10)));
        Blueprint blueprint = SPECIAL.withSections(List.of(SPECIAL.sections().get(0), section));
        assertThat(fields(blueprint)).containsExactly("sections[1].difficultyBands[1]", "sections[1].difficultyBands");
    }

    @Test
    void a_knowledge_point_quota_cannot_exceed_its_section() {
        BlueprintSection section = BlueprintSection.of(QuestionType.SINGLE_CHOICE, 30, "1")
                .withQuotas(List.of(new KnowledgePointQuota("绝缘", 31), new KnowledgePointQuota("绝缘", 1)));
        Blueprint blueprint = SPECIAL.withSections(List.of(SPECIAL.sections().get(0), section));
        assertThat(fields(blueprint))
                .containsExactly("sections[1].knowledgePointQuotas[0].minCount", "sections[1].knowledgePointQuotas[1]");
    }

    @Test
    void the_exposure_share_must_be_a_fraction() {
        assertThat(fields(SPECIAL.withExposure(new ExposureRule(0)))).containsExactly("exposure.maxSharedShare");
        assertThat(fields(SPECIAL.withExposure(new ExposureRule(1.5)))).containsExactly("exposure.maxSharedShare");
    }

    @Test
    void an_unknown_category_is_reported_against_the_category_tree() {
        Blueprint unknown = StandardBlueprints.specialOperation("BP", "NO-SUCH");
        assertThat(BlueprintValidator.validate(unknown, NationalCategories.load()))
                .extracting(BlueprintProblem::field)
                .containsExactly("category");
    }

    @Test
    void an_exposure_share_of_thirty_percent_allows_thirty_of_a_hundred_questions() {
        assertThat(new ExposureRule(0.3).sharedLimit(100)).isEqualTo(30);
        assertThat(new ExposureRule(0.6).sharedLimit(50)).isEqualTo(30);
    }
}
