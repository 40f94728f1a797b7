package org.examhall.server.bank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.assembly.ExposureEstimate;
import org.examhall.bank.assembly.FeasibilityAnalyzer;
import org.examhall.bank.assembly.FeasibilityReport;
import org.examhall.bank.assembly.PoolCheck;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintProblem;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.QuestionBank;

/**
 * Whether the bank can serve a blueprint: every constraint's need and supply, the estimate of how
 * many papers of one sitting can be drawn before the exposure rule binds, and (for a feasible
 * blueprint) that number measured by drawing. CPU work: call on a worker thread.
 */
final class FeasibilityCheck {

    static final int DEFAULT_MEASURE_LIMIT = 100;
    static final int MAX_MEASURE_LIMIT = 1_000;

    private FeasibilityCheck() {}

    static JsonObject report(Blueprint blueprint, QuestionBank bank, CategoryTree categories, int measureLimit) {
        FeasibilityReport report = FeasibilityAnalyzer.analyze(blueprint, bank);
        List<BlueprintProblem> problems = new ArrayList<>(BlueprintInput.problems(blueprint, categories));
        report.blueprintProblems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
        boolean feasible = problems.isEmpty() && report.feasible();
        JsonArray checks = new JsonArray();
        for (PoolCheck check : report.poolChecks()) {
            checks.add(ProblemsJson.reason(
                    new JsonObject()
                            .put("constraint", check.constraint())
                            .put("needed", check.needed())
                            .put("available", check.available())
                            .put("sufficient", check.sufficient())
                            .put("shortfall", check.shortfall()),
                    check.message()));
        }
        JsonObject json = new JsonObject()
                .put("blueprintId", blueprint.id())
                .put("bankVersion", bank.version())
                .put("feasible", feasible)
                .put("problems", ProblemsJson.ofBlueprint(problems))
                .put("checks", checks)
                .put("exposure", exposure(report.exposure()))
                .put("measureLimit", measureLimit);
        if (feasible && measureLimit > 0) {
            json.put("measuredPapers", FeasibilityAnalyzer.papersBeforeExposureBinds(blueprint, bank, measureLimit));
        }
        return json;
    }

    private static JsonObject exposure(ExposureEstimate estimate) {
        if (estimate == null) {
            return null;
        }
        return new JsonObject()
                .put("paperSize", estimate.paperSize())
                .put("sharedLimit", estimate.sharedLimit())
                .put("expectedShared", Math.round(estimate.expectedShared() * 10) / 10.0)
                .put("bounded", estimate.bounded())
                .put("maxPapers", estimate.bounded() ? estimate.maxPapers() : null);
    }
}
