package org.examhall.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.examhall.bank.assembly.SeededRandom;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintSection;
import org.examhall.bank.blueprint.DifficultyBand;
import org.examhall.bank.blueprint.KnowledgePointQuota;
import org.examhall.bank.blueprint.MultipleChoiceRule;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionType;

/**
 * Random banks with blueprints they can serve: every section takes at most half its pool, quotas ask
 * for a few questions of one knowledge point, and difficulty bands split the section between easy
 * (1–2) and hard (3–5) questions in proportions the bank has.
 */
public final class AssemblyScenarios {

    private AssemblyScenarios() {}

    public record Scenario(QuestionBank bank, Blueprint blueprint) {}

    public static Arbitrary<Scenario> scenarios() {
        Arbitrary<Integer> tf = Arbitraries.integers().between(10, 120);
        Arbitrary<Integer> single = Arbitraries.integers().between(10, 60);
        Arbitrary<Integer> multiple = Arbitraries.integers().between(0, 20);
        Arbitrary<Long> shape = Arbitraries.longs();
        return Combinators.combine(tf, single, multiple, shape).as(AssemblyScenarios::scenario);
    }

    private static Scenario scenario(int tf, int single, int multiple, long shapeSeed) {
        SeededRandom random = new SeededRandom(shapeSeed);
        List<BlueprintSection> sections = new ArrayList<>();
        addSection(sections, QuestionType.TRUE_FALSE, tf, random);
        addSection(sections, QuestionType.SINGLE_CHOICE, single, random);
        if (multiple >= 4) {
            addSection(sections, QuestionType.MULTIPLE_CHOICE, multiple, random);
        }
        MultipleChoiceRule rule =
                random.nextInt(2) == 0 ? MultipleChoiceRule.ALL_OR_NOTHING : MultipleChoiceRule.PARTIAL;
        return new Scenario(TestBanks.activeBank(tf, single, multiple), TestBanks.blueprint(sections, rule, 1.0));
    }

    /** TestBanks gives question i difficulty 1 + i % 5 and knowledge point KP(i % 4). */
    private static void addSection(List<BlueprintSection> sections, QuestionType type, int pool, SeededRandom random) {
        int count = 2 + random.nextInt(pool / 2 - 1);
        BlueprintSection section = BlueprintSection.of(type, count, String.valueOf(1 + random.nextInt(3)));
        int kp0Pool = countWhere(pool, i -> i % 4 == 0);
        if (kp0Pool >= 2 && random.nextInt(2) == 0) {
            int most = Math.min(Math.min(3, count), kp0Pool / 2);
            section = section.withQuotas(List.of(new KnowledgePointQuota("KP0", 1 + random.nextInt(most))));
        }
        if (random.nextInt(2) == 0) {
            int easyPool = countWhere(pool, i -> i % 5 < 2);
            int easy = Math.min(Math.max(1, count * easyPool / pool), count - 1);
            section =
                    section.withBands(List.of(new DifficultyBand(1, 2, easy), new DifficultyBand(3, 5, count - easy)));
        }
        sections.add(section);
    }

    private static int countWhere(int size, IntPredicate predicate) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            count += predicate.test(i) ? 1 : 0;
        }
        return count;
    }
}
