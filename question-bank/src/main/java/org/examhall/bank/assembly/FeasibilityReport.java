package org.examhall.bank.assembly;

import java.util.List;
import org.examhall.bank.blueprint.BlueprintProblem;

/**
 * Whether papers can be drawn for a blueprint from a bank, and how many before the exposure rule binds.
 *
 * @param poolChecks every constraint's need and supply, section sizes first; empty when the blueprint
 *                   itself is invalid
 * @param exposure   null when the blueprint is invalid or a pool is short
 */
public record FeasibilityReport(
        String blueprintId,
        long bankVersion,
        List<BlueprintProblem> blueprintProblems,
        List<PoolCheck> poolChecks,
        ExposureEstimate exposure) {

    public FeasibilityReport {
        blueprintProblems = List.copyOf(blueprintProblems);
        poolChecks = List.copyOf(poolChecks);
    }

    /** Whether at least one paper can be drawn. */
    public boolean feasible() {
        return blueprintProblems.isEmpty() && poolChecks.stream().allMatch(PoolCheck::sufficient);
    }

    public List<PoolCheck> shortfalls() {
        return poolChecks.stream().filter(c -> !c.sufficient()).toList();
    }
}
