package org.examhall.bank.assembly;

import java.util.List;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintProblem;
import org.examhall.bank.blueprint.BlueprintValidator;
import org.examhall.bank.question.QuestionBank;

/** Answers a blueprint editor's question "can this bank serve this blueprint, and for how many?". */
public final class FeasibilityAnalyzer {

    private FeasibilityAnalyzer() {}

    /** Cheap enough to run on every keystroke of an editor: one pass over the bank, no drawing. */
    public static FeasibilityReport analyze(Blueprint blueprint, QuestionBank bank) {
        List<BlueprintProblem> problems = BlueprintValidator.validate(blueprint);
        if (!problems.isEmpty()) {
            return new FeasibilityReport(blueprint.id(), bank.version(), problems, List.of(), null);
        }
        AssemblyPlan plan = AssemblyPlan.build(blueprint, bank);
        List<PoolCheck> checks = plan.poolChecks();
        if (!checks.stream().allMatch(PoolCheck::sufficient)) {
            return new FeasibilityReport(blueprint.id(), bank.version(), problems, checks, null);
        }
        double expectedShared = 0;
        for (SectionPlan section : plan.sections) {
            double drawn = section.section.count();
            expectedShared += drawn * drawn / section.poolSize();
        }
        int paperSize = blueprint.questionCount();
        ExposureEstimate estimate =
                ExposureEstimate.of(paperSize, blueprint.exposure().sharedLimit(paperSize), expectedShared);
        return new FeasibilityReport(blueprint.id(), bank.version(), problems, checks, estimate);
    }

    /**
     * Measures instead of estimating: draws papers of one sitting with seeds 0, 1, 2… until the exposure
     * rule stops a draw or {@code limit} papers are drawn, and returns how many were drawn.
     */
    public static int papersBeforeExposureBinds(Blueprint blueprint, QuestionBank bank, int limit) {
        SittingAssembler sitting = new SittingAssembler(new PaperAssembler(blueprint, bank));
        for (int seed = 0; seed < limit; seed++) {
            try {
                sitting.assemble(seed);
            } catch (AssemblyException bound) {
                return seed;
            }
        }
        return limit;
    }
}
