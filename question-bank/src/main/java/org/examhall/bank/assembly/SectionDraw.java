package org.examhall.bank.assembly;

import java.util.List;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.blueprint.BlueprintSection;
import org.examhall.bank.blueprint.KnowledgePointQuota;

/**
 * Draws the questions of one section of one paper. Knowledge-point quotas are served first, each from
 * its own randomly ordered pool, while respecting band capacities; the bands (or the whole section) are
 * then filled. Every pick is uniform among the questions still allowed, so across seeds each question
 * of a pool is equally likely. Greedy by design: it can fail on combinations a full search would solve,
 * and then says which constraint it could not meet.
 */
final class SectionDraw {

    private final AssemblyPlan plan;
    private final SectionPlan section;
    private final DrawState state;
    private final SeededRandom random;
    private final int[] chosen;
    private int chosenCount;
    private final int[] bandRemaining;
    private final int[] quotaCounts;
    private final IntList deferred = new IntList();
    private int deferredHead;

    SectionDraw(AssemblyPlan plan, SectionPlan section, DrawState state, SeededRandom random) {
        this.plan = plan;
        this.section = section;
        this.state = state;
        this.random = random;
        this.chosen = new int[section.section.count()];
        this.bandRemaining = section.bandCounts.clone();
        this.quotaCounts = new int[section.quotaPools.length];
    }

    /** The drawn question indexes, in random order. */
    int[] draw() {
        List<KnowledgePointQuota> quotas = section.section.knowledgePointQuotas();
        for (int q = 0; q < quotas.size(); q++) {
            startCursor();
            LazyShuffle cursor = new LazyShuffle(section.quotaPools[q], random);
            while (quotaCounts[q] < quotas.get(q).minCount()) {
                int index = nextAllowed(cursor);
                if (index < 0) {
                    throw failure(
                            ConstraintNames.quota(
                                    section.section.type(), quotas.get(q).knowledgePoint()),
                            ConstraintNames.quotaWhat(
                                    quotas.get(q).knowledgePoint(), section.section.difficultyBands()),
                            quotas.get(q).minCount(),
                            quotaCounts[q]);
                }
                take(index);
            }
        }
        for (int b = 0; b < section.bandPools.length; b++) {
            startCursor();
            LazyShuffle cursor = new LazyShuffle(section.bandPools[b], random);
            while (bandRemaining[b] > 0) {
                int index = nextAllowed(cursor);
                if (index < 0) {
                    throw bandFailure(b);
                }
                take(index);
            }
        }
        random.shuffle(chosen, chosenCount);
        return chosen;
    }

    private void startCursor() {
        deferred.clear();
        deferredHead = 0;
    }

    /**
     * The next question the cursor offers that the draw may take, or -1. Questions refused now stay
     * refused (selections, full bands and shared counts only grow), so the cursor drops them; avoided
     * questions are kept aside and used, in the order met, only once the cursor runs dry.
     */
    private int nextAllowed(LazyShuffle cursor) {
        while (cursor.hasNext()) {
            int index = cursor.next();
            if (allowed(index)) {
                if (!state.isAvoided(index)) {
                    return index;
                }
                deferred.add(index);
            }
        }
        while (deferredHead < deferred.size()) {
            int index = deferred.get(deferredHead++);
            if (allowed(index)) {
                return index;
            }
        }
        return -1;
    }

    private boolean allowed(int index) {
        if (state.isSelected(index)) {
            return false;
        }
        int band = plan.bandOf[index];
        return band != SectionPlan.NO_BAND && bandRemaining[band] > 0 && state.exposureAllows(index);
    }

    private void take(int index) {
        chosen[chosenCount++] = index;
        state.select(index);
        bandRemaining[plan.bandOf[index]]--;
        for (long mask = plan.quotaMaskOf[index]; mask != 0; mask &= mask - 1) {
            quotaCounts[Long.numberOfTrailingZeros(mask)]++;
        }
    }

    private AssemblyException bandFailure(int band) {
        BlueprintSection blueprintSection = section.section;
        if (blueprintSection.difficultyBands().isEmpty()) {
            return failure(
                    ConstraintNames.section(blueprintSection.type()),
                    ConstraintNames.sectionWhat(),
                    blueprintSection.count(),
                    chosenCount);
        }
        var difficultyBand = blueprintSection.difficultyBands().get(band);
        return failure(
                ConstraintNames.band(blueprintSection.type(), difficultyBand),
                ConstraintNames.bandWhat(difficultyBand),
                difficultyBand.count(),
                difficultyBand.count() - bandRemaining[band]);
    }

    private AssemblyException failure(String constraint, LocalizedText what, int needed, int drawn) {
        String type = section.section.type().name();
        String typeZh = section.section.type().chineseName();
        LocalizedText cause = state.exposureRefusals() > 0
                ? new LocalizedText(
                        "受曝光规则限制（与同场任一试卷相同试题不超过 " + state.sharedLimit() + " 道）",
                        "within the exposure rule (at most " + state.sharedLimit()
                                + " questions shared with any other paper of the sitting)")
                : new LocalizedText("在满足本部分其他约束之后", "after the section's other constraints were met");
        return new AssemblyException(
                constraint,
                needed,
                drawn,
                new LocalizedText(
                        typeZh + "部分需要" + what.zh() + " " + needed + " 道，" + cause.zh() + "只能抽到 " + drawn + " 道",
                        "section " + type + " needs " + needed + " " + what.en() + ", could draw only " + drawn + " "
                                + cause.en()));
    }
}
