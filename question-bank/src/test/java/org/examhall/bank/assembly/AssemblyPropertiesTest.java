package org.examhall.bank.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.examhall.bank.AssemblyScenarios;
import org.examhall.bank.TestBanks;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.ExposureRule;
import org.examhall.bank.io.PaperJson;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;

class AssemblyPropertiesTest {

    private static final Set<String> CANDIDATE_FIELDS = Set.of(
            "title",
            "durationMinutes",
            "totalPoints",
            "sections",
            "type",
            "pointsEach",
            "items",
            "number",
            "stem",
            "imageRef",
            "options",
            "label",
            "text");

    @Provide
    Arbitrary<AssemblyScenarios.Scenario> scenarios() {
        return AssemblyScenarios.scenarios();
    }

    @Property(tries = 150)
    void the_same_seed_gives_the_same_paper_however_the_bank_was_loaded(
            @ForAll("scenarios") AssemblyScenarios.Scenario scenario, @ForAll long seed) {
        List<Question> shuffled = new ArrayList<>(scenario.bank().allVersions());
        Collections.shuffle(shuffled, new Random(seed));
        QuestionBank reloaded = QuestionBank.of(scenario.bank().version(), shuffled);

        Paper first = new PaperAssembler(scenario.blueprint(), scenario.bank()).assemble(seed);
        Paper second = new PaperAssembler(scenario.blueprint(), reloaded).assemble(seed);
        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 150)
    void every_paper_satisfies_its_blueprint(
            @ForAll("scenarios") AssemblyScenarios.Scenario scenario, @ForAll long seed) {
        Paper paper = new PaperAssembler(scenario.blueprint(), scenario.bank()).assemble(seed);
        assertThat(PaperConformance.violations(paper, scenario.blueprint())).isEmpty();
    }

    @Property(tries = 100)
    void the_candidate_view_carries_no_key_and_shows_the_options_as_arranged(
            @ForAll("scenarios") AssemblyScenarios.Scenario scenario, @ForAll long seed) throws Exception {
        Paper paper = new PaperAssembler(scenario.blueprint(), scenario.bank()).assemble(seed);
        JsonNode json = new ObjectMapper().readTree(PaperJson.writeCandidateView(paper.candidateView()));

        assertThat(fieldNames(json)).isSubsetOf(CANDIDATE_FIELDS);
        Iterator<PaperItem> items = paper.items().iterator();
        for (JsonNode section : json.path("sections")) {
            for (JsonNode item : section.path("items")) {
                PaperItem expected = items.next();
                for (int position = 0; position < expected.optionOrder().size(); position++) {
                    assertThat(item.path("options").get(position).path("text").asText())
                            .isEqualTo(expected.optionShownAt(position));
                }
            }
        }
    }

    @Property(tries = 60)
    void no_two_papers_of_a_sitting_share_more_than_the_exposure_share(
            @ForAll @IntRange(min = 2, max = 20) int papers,
            @ForAll @DoubleRange(min = 0.3, max = 0.9) double share,
            @ForAll long seed) {
        Blueprint blueprint = TestBanks.blueprint(20, 10, 0).withExposure(new ExposureRule(share));
        SittingAssembler sitting = new SittingAssembler(new PaperAssembler(blueprint, TestBanks.activeBank(60, 30, 0)));
        List<Paper> drawn = new ArrayList<>();
        try {
            for (int i = 0; i < papers; i++) {
                drawn.add(sitting.assemble(seed + i));
            }
        } catch (AssemblyException exposureBinds) {
            assertThat(exposureBinds.text().en()).contains("exposure rule");
        }
        int limit = blueprint.exposure().sharedLimit(blueprint.questionCount());
        for (int i = 0; i < drawn.size(); i++) {
            for (int j = 0; j < i; j++) {
                Set<String> common = new HashSet<>(drawn.get(i).questionIds());
                common.retainAll(drawn.get(j).questionIds());
                assertThat(common.size()).isLessThanOrEqualTo(limit);
            }
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        }
        node.forEach(child -> names.addAll(fieldNames(child)));
        return names;
    }
}
