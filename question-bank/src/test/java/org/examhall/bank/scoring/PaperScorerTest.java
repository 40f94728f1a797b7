package org.examhall.bank.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.examhall.bank.TestBanks;
import org.examhall.bank.assembly.OptionOrder;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperItem;
import org.examhall.bank.assembly.PaperSection;
import org.examhall.bank.blueprint.MultipleChoiceRule;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.QuestionType;
import org.junit.jupiter.api.Test;

class PaperScorerTest {

    /** Item 1: true/false, key 正确. Item 2: single, key B, shown reversed. Item 3: multiple, key ABD of 5. */
    private static Paper paper(MultipleChoiceRule rule, String multiplePoints) {
        Question tf = question("TF", QuestionContent.trueFalse("判断", true, List.of("安全电压"), 1, TestBanks.CATEGORY));
        Question single = question("SC", TestBanks.single(1, "绝缘", 2));
        Question multiple = question("MC", TestBanks.multiple(1, "绝缘", 3));
        return new Paper(
                "BP",
                "试卷",
                TestBanks.CATEGORY,
                1,
                0,
                60,
                new BigDecimal("2").add(new BigDecimal(multiplePoints)),
                new BigDecimal("2"),
                rule,
                List.of(
                        new PaperSection(
                                QuestionType.TRUE_FALSE,
                                BigDecimal.ONE,
                                List.of(new PaperItem(1, tf, OptionOrder.identity(2)))),
                        new PaperSection(
                                QuestionType.SINGLE_CHOICE,
                                BigDecimal.ONE,
                                List.of(new PaperItem(2, single, OptionOrder.of(3, 2, 1, 0)))),
                        new PaperSection(
                                QuestionType.MULTIPLE_CHOICE,
                                new BigDecimal(multiplePoints),
                                List.of(new PaperItem(3, multiple, OptionOrder.identity(5))))));
    }

    private static Question question(String id, QuestionContent content) {
        return new Question(id, 1, QuestionStatus.ACTIVE, content);
    }

    private static ItemScore item(ScoreReport report, int number) {
        return report.items().get(number - 1);
    }

    @Test
    void a_choice_is_scored_against_the_option_that_was_displayed_under_its_label() {
        // Written B (the key) is shown at position C, since the options were shown in reverse.
        ScoreReport report =
                PaperScorer.score(paper(MultipleChoiceRule.ALL_OR_NOTHING, "2"), Responses.ofLabels(Map.of(2, "C")));
        assertThat(item(report, 2).outcome()).isEqualTo(ItemOutcome.CORRECT);
        assertThat(item(report, 2).chosen()).isEqualTo("B");
        assertThat(PaperScorer.score(paper(MultipleChoiceRule.ALL_OR_NOTHING, "2"), Responses.ofLabels(Map.of(2, "B")))
                        .items()
                        .get(1)
                        .outcome())
                .isEqualTo(ItemOutcome.WRONG);
    }

    @Test
    void all_or_nothing_gives_no_credit_for_an_incomplete_multiple_choice() {
        ScoreReport report =
                PaperScorer.score(paper(MultipleChoiceRule.ALL_OR_NOTHING, "2"), Responses.ofLabels(Map.of(3, "AB")));
        assertThat(item(report, 3).outcome()).isEqualTo(ItemOutcome.WRONG);
        assertThat(item(report, 3).earned()).isEqualByComparingTo("0");
    }

    @Test
    void partial_credit_gives_half_a_point_per_correct_option_chosen() {
        ScoreReport report =
                PaperScorer.score(paper(MultipleChoiceRule.PARTIAL, "2"), Responses.ofLabels(Map.of(3, "AD")));
        assertThat(item(report, 3).outcome()).isEqualTo(ItemOutcome.PARTIAL);
        assertThat(item(report, 3).earned()).isEqualByComparingTo("1.0");
    }

    @Test
    void partial_credit_gives_zero_when_any_wrong_option_is_chosen() {
        ScoreReport report =
                PaperScorer.score(paper(MultipleChoiceRule.PARTIAL, "2"), Responses.ofLabels(Map.of(3, "ABC")));
        assertThat(item(report, 3).outcome()).isEqualTo(ItemOutcome.WRONG);
        assertThat(item(report, 3).earned()).isEqualByComparingTo("0");
    }

    @Test
    void partial_credit_never_exceeds_the_points_of_the_question() {
        // Two of three correct options at 0.5 each would be 1.0; the question is worth only 0.5.
        ScoreReport report =
                PaperScorer.score(paper(MultipleChoiceRule.PARTIAL, "0.5"), Responses.ofLabels(Map.of(3, "AB")));
        assertThat(item(report, 3).earned()).isEqualByComparingTo("0.5");
    }

    @Test
    void the_exact_key_earns_full_points_under_either_rule() {
        for (MultipleChoiceRule rule : MultipleChoiceRule.values()) {
            ScoreReport report = PaperScorer.score(paper(rule, "2"), Responses.ofLabels(Map.of(3, "DBA")));
            assertThat(item(report, 3).earned()).as(rule.name()).isEqualByComparingTo("2");
        }
    }

    @Test
    void partial_credit_does_not_apply_to_single_choice_or_true_false() {
        ScoreReport report =
                PaperScorer.score(paper(MultipleChoiceRule.PARTIAL, "2"), Responses.ofLabels(Map.of(1, "AB", 2, "CD")));
        assertThat(item(report, 1).earned()).isEqualByComparingTo("0");
        assertThat(item(report, 2).earned()).isEqualByComparingTo("0");
    }

    @Test
    void an_unanswered_item_scores_zero_and_says_so() {
        ScoreReport report = PaperScorer.score(paper(MultipleChoiceRule.PARTIAL, "2"), Responses.none());
        assertThat(report.items()).extracting(ItemScore::outcome).containsOnly(ItemOutcome.UNANSWERED);
        assertThat(report.score()).isEqualByComparingTo("0");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void an_answer_naming_an_option_the_question_lacks_is_wrong() {
        ScoreReport report =
                PaperScorer.score(paper(MultipleChoiceRule.ALL_OR_NOTHING, "2"), Responses.ofLabels(Map.of(1, "AC")));
        assertThat(item(report, 1).outcome()).isEqualTo(ItemOutcome.WRONG);
    }

    @Test
    void the_report_breaks_the_score_down_by_section_and_knowledge_point_and_passes_at_the_mark() {
        ScoreReport report = PaperScorer.score(
                paper(MultipleChoiceRule.PARTIAL, "2"), Responses.ofLabels(Map.of(1, "A", 2, "C", 3, "A")));
        assertThat(report.score()).isEqualByComparingTo("2.5");
        assertThat(report.passed()).isTrue();
        assertThat(report.sections())
                .extracting(SectionScore::type, SectionScore::correct)
                .containsExactly(
                        tuple(QuestionType.TRUE_FALSE, 1),
                        tuple(QuestionType.SINGLE_CHOICE, 1),
                        tuple(QuestionType.MULTIPLE_CHOICE, 0));
        assertThat(report.knowledgePoints())
                .extracting(KnowledgePointScore::knowledgePoint)
                .containsExactly("安全电压", "绝缘");
        KnowledgePointScore insulation = report.knowledgePoints().get(1);
        assertThat(insulation.questions()).isEqualTo(2);
        assertThat(insulation.earned()).isEqualByComparingTo("1.5");
        assertThat(insulation.possible()).isEqualByComparingTo("3");
    }
}
