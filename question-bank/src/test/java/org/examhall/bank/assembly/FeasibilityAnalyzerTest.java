package org.examhall.bank.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.examhall.bank.TestBanks;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintSection;
import org.examhall.bank.blueprint.ExposureRule;
import org.examhall.bank.blueprint.StandardBlueprints;
import org.examhall.bank.question.QuestionType;
import org.junit.jupiter.api.Test;

class FeasibilityAnalyzerTest {

    @Test
    void the_report_lists_each_constraint_with_its_need_and_supply() {
        FeasibilityReport report = FeasibilityAnalyzer.analyze(
                StandardBlueprints.specialOperation("BP", TestBanks.CATEGORY), TestBanks.activeBank(200, 20, 0));
        assertThat(report.feasible()).isFalse();
        assertThat(report.poolChecks())
                .extracting(PoolCheck::constraint, PoolCheck::needed, PoolCheck::available)
                .containsExactly(tuple("TRUE_FALSE", 70, 200), tuple("SINGLE_CHOICE", 30, 20));
        assertThat(report.shortfalls())
                .singleElement()
                .extracting(PoolCheck::shortfall)
                .isEqualTo(10);
        assertThat(report.exposure()).isNull();
    }

    @Test
    void an_invalid_blueprint_is_reported_without_pools() {
        Blueprint broken = StandardBlueprints.specialOperation("BP", TestBanks.CATEGORY)
                .withSections(List.of(BlueprintSection.of(QuestionType.TRUE_FALSE, 70, "1")));
        FeasibilityReport report = FeasibilityAnalyzer.analyze(broken, TestBanks.activeBank(200, 50, 0));
        assertThat(report.feasible()).isFalse();
        assertThat(report.blueprintProblems()).isNotEmpty();
        assertThat(report.poolChecks()).isEmpty();
    }

    @Test
    void the_estimate_bounds_how_many_papers_a_sitting_can_draw() {
        // 20 of 40 true/false: two papers share 10 on average, the rule allows 6.
        Blueprint blueprint = TestBanks.blueprint(20, 0, 0).withExposure(new ExposureRule(0.3));
        FeasibilityReport report = FeasibilityAnalyzer.analyze(blueprint, TestBanks.activeBank(40, 0, 0));
        ExposureEstimate estimate = report.exposure();
        assertThat(estimate.expectedShared()).isEqualTo(10.0);
        assertThat(estimate.sharedLimit()).isEqualTo(6);
        assertThat(estimate.bounded()).isTrue();
        assertThat(estimate.maxPapers()).isEqualTo(3);

        int drawn = FeasibilityAnalyzer.papersBeforeExposureBinds(blueprint, TestBanks.activeBank(40, 0, 0), 50);
        assertThat(drawn).isBetween(1, (int) estimate.maxPapers());
    }

    @Test
    void a_large_bank_is_not_bound_by_the_exposure_rule_on_average() {
        Blueprint blueprint = StandardBlueprints.specialOperation("BP", TestBanks.CATEGORY);
        FeasibilityReport report = FeasibilityAnalyzer.analyze(blueprint, TestBanks.activeBank(700, 300, 0));
        assertThat(report.feasible()).isTrue();
        assertThat(report.exposure().bounded()).isFalse();
        assertThat(report.exposure().expectedShared()).isEqualTo(10.0);
    }
}
