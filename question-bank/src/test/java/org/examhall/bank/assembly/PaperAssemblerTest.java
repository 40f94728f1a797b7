package org.examhall.bank.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.examhall.bank.TestBanks;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintSection;
import org.examhall.bank.blueprint.DifficultyBand;
import org.examhall.bank.blueprint.InvalidBlueprintException;
import org.examhall.bank.blueprint.KnowledgePointQuota;
import org.examhall.bank.blueprint.MultipleChoiceRule;
import org.examhall.bank.blueprint.StandardBlueprints;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionType;
import org.junit.jupiter.api.Test;

class PaperAssemblerTest {

    @Test
    void a_bank_too_small_for_a_section_is_named_with_its_shortfall() {
        QuestionBank bank = TestBanks.activeBank(80, 12, 0);
        AssemblyException error = catchThrowableOfType(
                AssemblyException.class,
                () -> new PaperAssembler(StandardBlueprints.specialOperation("BP", TestBanks.CATEGORY), bank));
        assertThat(error.constraint()).isEqualTo("SINGLE_CHOICE");
        assertThat(error.needed()).isEqualTo(30);
        assertThat(error.available()).isEqualTo(12);
        assertThat(error.shortfall()).isEqualTo(18);
        assertThat(error.text().en()).isEqualTo("section SINGLE_CHOICE needs 30 active questions, bank has 12");
        assertThat(error.text().zh()).isEqualTo("单选题部分需要在用试题 30 道，题库只有 12 道");
    }

    @Test
    void a_knowledge_point_quota_within_difficulty_bands_is_named_with_both() {
        // 25 single-choice questions are in KP1 (i % 4 == 1), spread evenly over difficulties 1-5 (1 + i % 5).
        BlueprintSection section = BlueprintSection.of(QuestionType.SINGLE_CHOICE, 30, "1")
                .withBands(List.of(new DifficultyBand(1, 3, 30)))
                .withQuotas(List.of(new KnowledgePointQuota("KP1", 16)));
        Blueprint blueprint = TestBanks.blueprint(List.of(section), MultipleChoiceRule.ALL_OR_NOTHING, 1.0);
        AssemblyException error = catchThrowableOfType(
                AssemblyException.class, () -> new PaperAssembler(blueprint, TestBanks.activeBank(0, 100, 0)));
        assertThat(error.text().en())
                .isEqualTo("section SINGLE_CHOICE needs 16 active questions"
                        + " in knowledge point KP1 of difficulty 1-3, bank has 15");
        assertThat(error.constraint()).isEqualTo("SINGLE_CHOICE/knowledgePoint=KP1");
    }

    @Test
    void an_invalid_blueprint_is_refused_before_looking_at_the_bank() {
        Blueprint broken = TestBanks.blueprint(30, 20, 0)
                .withSections(List.of(BlueprintSection.of(QuestionType.TRUE_FALSE, 0, "1")));
        assertThatThrownBy(() -> new PaperAssembler(broken, QuestionBank.empty()))
                .isInstanceOf(InvalidBlueprintException.class)
                .hasMessageContaining("sections[0].count");
    }

    @Test
    void only_active_questions_of_the_blueprint_category_are_drawn() {
        List<Question> questions =
                new ArrayList<>(TestBanks.activeBank(10, 0, 0).active());
        QuestionContent otherCategory = QuestionContent.trueFalse("别的类别", true, List.of("KP0"), 1, "WELD-FUSION");
        questions.add(TestBanks.active("OTHER", otherCategory));
        QuestionBank bank = QuestionBank.of(1, questions).add("DRAFT", TestBanks.trueFalse(99, "KP0", 1));
        Paper paper = new PaperAssembler(TestBanks.blueprint(10, 0, 0), bank).assemble(3);
        assertThat(paper.questionIds()).doesNotContain("OTHER", "DRAFT").hasSize(10);
    }

    @Test
    void true_false_and_fixed_order_options_are_never_shuffled_but_other_options_are() {
        List<Question> questions =
                new ArrayList<>(TestBanks.activeBank(20, 0, 0).active());
        for (int i = 0; i < 20; i++) {
            QuestionContent free = TestBanks.single(i, "KP0", 2);
            QuestionContent pinned = new QuestionContent(
                    free.type(),
                    "固定 " + i,
                    null,
                    List.of("甲", "乙", "丙", "以上都对"),
                    free.answer(),
                    free.knowledgePoints(),
                    2,
                    free.category(),
                    free.sourceLevel(),
                    true);
            questions.add(TestBanks.active("FREE-" + i, free));
            questions.add(TestBanks.active("PINNED-" + i, pinned));
        }
        Paper paper = new PaperAssembler(TestBanks.blueprint(20, 40, 0), QuestionBank.of(1, questions)).assemble(5);
        boolean anyShuffled = false;
        for (PaperItem item : paper.items()) {
            boolean mustKeep = item.question().type() == QuestionType.TRUE_FALSE
                    || item.question().content().fixedOptionOrder();
            if (mustKeep) {
                assertThat(item.optionOrder().isIdentity())
                        .as(item.question().id())
                        .isTrue();
            } else {
                anyShuffled |= !item.optionOrder().isIdentity();
            }
        }
        assertThat(anyShuffled).isTrue();
    }

    @Test
    void different_seeds_give_different_papers() {
        PaperAssembler assembler = new PaperAssembler(TestBanks.blueprint(30, 20, 0), TestBanks.activeBank(75, 35, 0));
        Set<Set<String>> distinct = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            distinct.add(assembler.assemble(seed).questionIds());
        }
        assertThat(distinct).hasSize(50);
    }

    @Test
    void a_retake_avoids_every_question_of_the_previous_paper_when_the_bank_allows() {
        PaperAssembler assembler = new PaperAssembler(TestBanks.blueprint(30, 20, 0), TestBanks.activeBank(75, 45, 0));
        Paper first = assembler.assemble(1);
        Paper retake = assembler.assembleRetake(2, first);
        assertThat(retake.questionIds()).doesNotContainAnyElementsOf(first.questionIds());
        assertThat(PaperConformance.violations(retake, assembler.blueprint())).isEmpty();
    }

    @Test
    void a_retake_reuses_only_as_many_previous_questions_as_the_bank_forces() {
        PaperAssembler assembler = new PaperAssembler(TestBanks.blueprint(30, 20, 0), TestBanks.activeBank(40, 25, 0));
        Paper first = assembler.assemble(1);
        Paper retake = assembler.assembleRetake(2, first);
        Set<String> reused = new HashSet<>(retake.questionIds());
        reused.retainAll(first.questionIds());
        // 40 true/false for 30 + 30 leaves 20 to reuse; 25 single choice for 20 + 20 leaves 15.
        assertThat(reused).hasSize(35);
        assertThat(PaperConformance.violations(retake, assembler.blueprint())).isEmpty();
    }

    @Test
    void items_are_numbered_through_the_paper_in_section_order() {
        Paper paper = new PaperAssembler(TestBanks.blueprint(5, 3, 2), TestBanks.activeBank(10, 10, 10)).assemble(9);
        assertThat(paper.items()).extracting(PaperItem::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(paper.sections())
                .extracting(PaperSection::type)
                .containsExactly(QuestionType.TRUE_FALSE, QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE);
    }
}
