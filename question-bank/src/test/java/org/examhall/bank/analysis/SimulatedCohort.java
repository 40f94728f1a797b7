package org.examhall.bank.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionRef;
import org.examhall.bank.question.QuestionType;

/**
 * Simulated candidates of known ability answering four-option single-choice items of known
 * difficulty: P(right) = 1/4 + 3/4 · logistic(1.7 (θ − b)), a wrong answer picks a distractor at random.
 * One item can be planted miskeyed (candidates know A is right; the bank's key says B) and one
 * non-discriminating (right half the time whatever the ability).
 */
final class SimulatedCohort {

    static final int OPTIONS = 4;

    final List<ScoredSitting> sittings = new ArrayList<>();
    final Map<QuestionRef, QuestionContent> contents = new HashMap<>();
    final double[] difficulty;
    final double[] ability;

    SimulatedCohort(long seed, int candidates, int items, int miskeyed, int nonDiscriminating) {
        Random random = new Random(seed);
        difficulty = new double[items];
        for (int j = 0; j < items; j++) {
            difficulty[j] = -1.2 + 2.7 * j / (items - 1);
            String key = j == miskeyed ? "B" : "A";
            contents.put(
                    ref(j),
                    QuestionContent.choice(
                            QuestionType.SINGLE_CHOICE,
                            "第 " + j + " 题",
                            List.of("甲", "乙", "丙", "丁"),
                            key,
                            List.of(),
                            3,
                            "ELEC-LV"));
        }
        ability = new double[candidates];
        for (int c = 0; c < candidates; c++) {
            ability[c] = random.nextGaussian();
            List<ItemResponse> responses = new ArrayList<>();
            double points = 0;
            for (int j = 0; j < items; j++) {
                double right = j == nonDiscriminating ? 0.5 : expectedP(ability[c], difficulty[j]);
                // What the candidate believes is right is A; the bank's key decides the score.
                int chosen = random.nextDouble() < right ? 0 : 1 + random.nextInt(OPTIONS - 1);
                boolean scored = contents.get(ref(j)).answer().contains(chosen);
                points += scored ? 1 : 0;
                responses.add(new ItemResponse(
                        j + 1,
                        ref(j),
                        String.valueOf((char) ('A' + chosen)),
                        scored ? 1 : 0,
                        20.0 + random.nextInt(40)));
            }
            sittings.add(new ScoredSitting(1, "paper-" + (c % 5), points, items, 0.6 * items, responses));
        }
    }

    static QuestionRef ref(int item) {
        return new QuestionRef("SIM-" + item, 1);
    }

    static double expectedP(double ability, double difficulty) {
        return 0.25 + 0.75 / (1 + Math.exp(-1.7 * (ability - difficulty)));
    }

    /** The share the model expects right for item j over this cohort's abilities. */
    double expectedP(int item) {
        double sum = 0;
        for (double a : ability) {
            sum += expectedP(a, difficulty[item]);
        }
        return sum / ability.length;
    }
}
