package org.examhall.bank.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.examhall.bank.AssemblyScenarios;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperAssembler;
import org.examhall.bank.assembly.PaperItem;
import org.examhall.bank.assembly.SeededRandom;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.demo.DemoBank;
import org.examhall.bank.io.PaperJson;
import org.examhall.bank.question.OptionLabels;

class ScoringPropertiesTest {

    private static final DemoBank DEMO = DemoBank.load();

    @Provide
    Arbitrary<AssemblyScenarios.Scenario> scenarios() {
        return AssemblyScenarios.scenarios();
    }

    /** Random answers: each item unanswered or any set of its displayed labels. */
    private static Responses randomResponses(Paper paper, long seed) {
        SeededRandom random = new SeededRandom(seed);
        Map<Integer, String> labels = new TreeMap<>();
        for (PaperItem item : paper.items()) {
            int mask = random.nextInt(1 << item.optionOrder().size());
            labels.put(item.number(), OptionLabels.lettersOf(mask));
        }
        return Responses.ofLabels(labels);
    }

    @Property(tries = 150)
    void scoring_is_deterministic_and_bounded_by_zero_and_the_total(
            @ForAll("scenarios") AssemblyScenarios.Scenario scenario, @ForAll long seed) throws Exception {
        Paper paper = new PaperAssembler(scenario.blueprint(), scenario.bank()).assemble(seed);
        Responses responses = randomResponses(paper, seed);

        ScoreReport report = PaperScorer.score(paper, responses);
        Paper archived = PaperJson.read(PaperJson.write(paper));
        assertThat(PaperScorer.score(archived, responses)).isEqualTo(report);
        assertThat(report.score()).isBetween(BigDecimal.ZERO, paper.totalPoints());
        assertThat(report.passed()).isEqualTo(report.score().compareTo(paper.passMark()) >= 0);
    }

    @Property(tries = 50)
    void answering_every_key_scores_full_marks_on_demo_papers(@ForAll long seed) {
        for (Blueprint blueprint : DEMO.blueprints()) {
            Paper paper = new PaperAssembler(blueprint, DEMO.bank()).assemble(seed);
            Map<Integer, String> labels = new TreeMap<>();
            for (PaperItem item : paper.items()) {
                int displayed = 0;
                for (int position = 0; position < item.optionOrder().size(); position++) {
                    if (item.question()
                            .content()
                            .answer()
                            .contains(item.optionOrder().originalAt(position))) {
                        displayed |= 1 << position;
                    }
                }
                labels.put(item.number(), OptionLabels.lettersOf(displayed));
            }
            assertThat(PaperScorer.score(paper, Responses.ofLabels(labels)).score())
                    .isEqualByComparingTo(paper.totalPoints());
        }
    }
}
