package org.examhall.bank.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.examhall.bank.assembly.FeasibilityAnalyzer;
import org.examhall.bank.assembly.FeasibilityReport;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperAssembler;
import org.examhall.bank.assembly.PaperItem;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintValidator;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionType;
import org.junit.jupiter.api.Test;

class DemoBankTest {

    private static final DemoBank DEMO = DemoBank.load();

    @Test
    void the_demo_bank_holds_over_300_active_questions_over_three_operation_items() {
        Map<String, Long> perItem = DEMO.bank().active().stream()
                .collect(Collectors.groupingBy(q -> q.content().category(), Collectors.counting()));
        assertThat(DEMO.bank().active()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(perItem).containsOnlyKeys("ELEC-LV", "WELD-FUSION", "HEIGHT-INSTALL");
        assertThat(perItem.values()).allMatch(count -> count >= 100);
        assertThat(DEMO.categories().find("HEIGHT-INSTALL").orElseThrow().name())
                .isEqualTo("高处安装、维护、拆除作业");
    }

    @Test
    void every_demo_question_is_written_in_chinese_with_a_knowledge_point() {
        for (Question question : DEMO.bank().active()) {
            assertThat(question.content().stem()).as(question.id()).containsPattern("\\p{IsHan}");
            assertThat(question.content().knowledgePoints()).as(question.id()).isNotEmpty();
        }
    }

    @Test
    void each_demo_item_has_a_valid_blueprint_its_bank_can_serve_a_full_room_from() {
        for (String item : List.of("ELEC-LV", "WELD-FUSION", "HEIGHT-INSTALL")) {
            Blueprint blueprint = DEMO.blueprintFor(item).orElseThrow();
            assertThat(BlueprintValidator.validate(blueprint, DEMO.categories()))
                    .as(item)
                    .isEmpty();
            FeasibilityReport report = FeasibilityAnalyzer.analyze(blueprint, DEMO.bank());
            assertThat(report.feasible()).as(item).isTrue();
            assertThat(report.exposure().bounded()).as(item).isFalse();
            assertThat(FeasibilityAnalyzer.papersBeforeExposureBinds(blueprint, DEMO.bank(), 100))
                    .as(item)
                    .isEqualTo(100);
        }
    }

    @Test
    void a_demo_paper_drawn_today_is_drawn_identically_by_every_later_release() {
        // Pinned so that a change to the drawing algorithm, which would break redrawing archived papers
        // for an appeal, is a deliberate decision and not an accident.
        Paper paper = new PaperAssembler(DEMO.blueprintFor("ELEC-LV").orElseThrow(), DEMO.bank()).assemble(20240601L);
        List<String> firstItems = paper.items().stream()
                .limit(3)
                .map(item -> item.question().id() + item.optionOrder())
                .toList();
        List<String> firstSingleChoice = paper.sections().get(1).items().stream()
                .limit(2)
                .map(item -> item.question().id() + item.optionOrder())
                .toList();
        assertThat(firstItems).isEqualTo(GOLDEN_FIRST_ITEMS);
        assertThat(firstSingleChoice).isEqualTo(GOLDEN_FIRST_SINGLE);
        assertThat(paper.sections().get(1).type()).isEqualTo(QuestionType.SINGLE_CHOICE);
        assertThat(paper.items()).extracting(PaperItem::number).startsWith(1, 2, 3);
    }

    @Test
    void a_synthetic_bank_is_the_same_for_the_same_seed() {
        assertThat(SyntheticBank.generate(500, 3).allVersions())
                .isEqualTo(SyntheticBank.generate(500, 3).allVersions());
        assertThat(SyntheticBank.generate(10_000, 1).active()).hasSize(10_000);
    }

    private static final List<String> GOLDEN_FIRST_ITEMS =
            List.of("ELEC-LV-0010[0, 1]", "ELEC-LV-0007[0, 1]", "ELEC-LV-0028[0, 1]");
    private static final List<String> GOLDEN_FIRST_SINGLE =
            List.of("ELEC-LV-0100[0, 2, 3, 1]", "ELEC-LV-0111[1, 0, 3, 2]");
}
