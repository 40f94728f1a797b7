package org.examhall.bank.assembly;

import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.blueprint.BlueprintSection;
import org.examhall.bank.blueprint.DifficultyBand;
import org.examhall.bank.blueprint.KnowledgePointQuota;
import org.examhall.bank.question.Question;

/**
 * The candidate pools of one section, computed once per (blueprint, bank) and shared by every draw.
 * Pools hold indexes into the plan's question array in id order. A section without difficulty bands
 * is treated as one band covering every difficulty, so a draw has only one kind of capacity to track.
 */
final class SectionPlan {

    /** Band index of a question that lies in none of the section's bands. */
    static final byte NO_BAND = -1;

    final BlueprintSection section;
    final int[][] bandPools;
    final int[] bandCounts;
    final int[][] quotaPools;

    private SectionPlan(BlueprintSection section, int[][] bandPools, int[] bandCounts, int[][] quotaPools) {
        this.section = section;
        this.bandPools = bandPools;
        this.bandCounts = bandCounts;
        this.quotaPools = quotaPools;
    }

    /**
     * Builds the pools and fills in, for each question of the section's type, its band and the quotas
     * it counts towards.
     */
    static SectionPlan build(BlueprintSection section, Question[] questions, byte[] bandOf, long[] quotaMaskOf) {
        List<DifficultyBand> bands = section.difficultyBands();
        List<KnowledgePointQuota> quotas = section.knowledgePointQuotas();
        int bandCount = Math.max(1, bands.size());
        IntList[] bandPools = IntList.array(bandCount);
        IntList[] quotaPools = IntList.array(quotas.size());
        for (int index = 0; index < questions.length; index++) {
            Question question = questions[index];
            if (question.type() != section.type()) {
                continue;
            }
            int band = bandIndex(bands, question.content().difficulty());
            bandOf[index] = (byte) band;
            if (band == NO_BAND) {
                continue;
            }
            bandPools[band].add(index);
            for (int q = 0; q < quotas.size(); q++) {
                if (question.content().hasKnowledgePoint(quotas.get(q).knowledgePoint())) {
                    quotaPools[q].add(index);
                    quotaMaskOf[index] |= 1L << q;
                }
            }
        }
        int[] bandCounts = bands.isEmpty()
                ? new int[] {section.count()}
                : bands.stream().mapToInt(DifficultyBand::count).toArray();
        return new SectionPlan(section, IntList.toArrays(bandPools), bandCounts, IntList.toArrays(quotaPools));
    }

    private static int bandIndex(List<DifficultyBand> bands, int difficulty) {
        if (bands.isEmpty()) {
            return 0;
        }
        for (int b = 0; b < bands.size(); b++) {
            if (bands.get(b).contains(difficulty)) {
                return b;
            }
        }
        return NO_BAND;
    }

    int poolSize() {
        int size = 0;
        for (int[] pool : bandPools) {
            size += pool.length;
        }
        return size;
    }

    /** The supply of every constraint of the section, section size first. */
    List<PoolCheck> poolChecks() {
        List<PoolCheck> checks = new ArrayList<>();
        checks.add(ConstraintNames.poolCheck(
                ConstraintNames.section(section.type()),
                section.type(),
                ConstraintNames.sectionWhat(),
                section.count(),
                poolSize()));
        List<DifficultyBand> bands = section.difficultyBands();
        for (int b = 0; b < bands.size(); b++) {
            checks.add(ConstraintNames.poolCheck(
                    ConstraintNames.band(section.type(), bands.get(b)),
                    section.type(),
                    ConstraintNames.bandWhat(bands.get(b)),
                    bands.get(b).count(),
                    bandPools[b].length));
        }
        List<KnowledgePointQuota> quotas = section.knowledgePointQuotas();
        for (int q = 0; q < quotas.size(); q++) {
            String kp = quotas.get(q).knowledgePoint();
            checks.add(ConstraintNames.poolCheck(
                    ConstraintNames.quota(section.type(), kp),
                    section.type(),
                    ConstraintNames.quotaWhat(kp, bands),
                    quotas.get(q).minCount(),
                    quotaPools[q].length));
        }
        return checks;
    }
}
