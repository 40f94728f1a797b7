package org.examhall.bank.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The statistics recover what was planted in a cohort of known abilities and item difficulties. */
class ItemAnalysisCohortTest {

    private static final int ITEMS = 40;
    private static final int MISKEYED = 7;
    private static final int NON_DISCRIMINATING = 23;

    private final SimulatedCohort cohort = new SimulatedCohort(20261205L, 800, ITEMS, MISKEYED, NON_DISCRIMINATING);
    private final ItemAnalysis.Report report = ItemAnalysis.of(cohort.sittings, cohort.contents::get);

    private ItemStatistics item(int j) {
        return report.items().stream()
                .filter(i -> i.question().equals(SimulatedCohort.ref(j)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void the_miskeyed_item_is_flagged_because_the_top_group_prefers_a_distractor() {
        ItemStatistics miskeyed = item(MISKEYED);
        System.out.printf(
                "miskeyed item: p=%.3f r_pb=%.3f D=%.3f options=%s flags=%s%n",
                miskeyed.p(), miskeyed.pointBiserial(), miskeyed.upperLower(), miskeyed.options(), miskeyed.flags());
        assertThat(miskeyed.flags()).contains(ReviewFlag.KEY_SUSPECT, ReviewFlag.NEGATIVE_DISCRIMINATION);
        OptionShare believed = miskeyed.options().get(0);
        OptionShare key = miskeyed.options().get(1);
        assertThat(key.key()).isTrue();
        assertThat(believed.upperShare()).isGreaterThan(key.upperShare());
    }

    @Test
    void the_non_discriminating_item_is_flagged_and_its_discrimination_is_near_zero() {
        ItemStatistics flat = item(NON_DISCRIMINATING);
        System.out.printf(
                "non-discriminating item: p=%.3f r_pb=%.3f D=%.3f flags=%s%n",
                flat.p(), flat.pointBiserial(), flat.upperLower(), flat.flags());
        assertThat(flat.pointBiserial()).isCloseTo(0, within(0.1));
        assertThat(flat.upperLower()).isCloseTo(0, within(0.12));
        assertThat(flat.flags()).containsAnyOf(ReviewFlag.WEAK_DISCRIMINATION, ReviewFlag.NEGATIVE_DISCRIMINATION);
        assertThat(flat.flags()).doesNotContain(ReviewFlag.KEY_SUSPECT);
    }

    @Test
    void good_items_are_not_flagged_and_their_p_values_recover_the_planted_difficulties() {
        double worstError = 0;
        double minPointBiserial = 1;
        for (int j = 0; j < ITEMS; j++) {
            if (j == MISKEYED || j == NON_DISCRIMINATING) {
                continue;
            }
            ItemStatistics good = item(j);
            assertThat(good.flags()).as("item %d", j).isEmpty();
            worstError = Math.max(worstError, Math.abs(good.p() - cohort.expectedP(j)));
            minPointBiserial = Math.min(minPointBiserial, good.pointBiserial());
            assertThat(good.upperLower()).as("item %d", j).isGreaterThan(0.2);
            assertThat(good.sittings()).isEqualTo(800);
            assertThat(good.papers()).isEqualTo(5);
            assertThat(good.meanSeconds()).isBetween(20.0, 60.0);
        }
        System.out.printf(
                "good items: worst |p - expected p| = %.3f, smallest r_pb = %.3f%n", worstError, minPointBiserial);
        assertThat(worstError).isLessThan(0.06);
        assertThat(minPointBiserial).isGreaterThan(ItemAnalysis.WEAK_DISCRIMINATION_BELOW + 0.05);
        // Harder items (larger b) have lower p: p falls monotonically with b, up to sampling noise.
        for (int j = 1; j < ITEMS; j++) {
            if (j - 1 != MISKEYED && j != MISKEYED && j - 1 != NON_DISCRIMINATING && j != NON_DISCRIMINATING) {
                assertThat(item(j).p()).isLessThan(item(j - 1).p() + 0.06);
            }
        }
    }

    @Test
    void the_session_is_reliable_and_its_distribution_counts_every_sitting() {
        SessionStatistics session = report.sessions().get(0);
        System.out.printf(
                "session: n=%d mean=%.2f sd=%.2f pass=%.3f KR-20=%.3f histogram=%s%n",
                session.sittings(),
                session.meanPoints(),
                session.sdPoints(),
                session.passRate(),
                session.kr20(),
                session.histogram());
        assertThat(session.kr20()).isBetween(0.75, 1.0);
        assertThat(session.histogram().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(800);
        assertThat(session.passMark()).isEqualTo(24);
    }

    @Test
    void few_sittings_flag_nothing() {
        SimulatedCohort small = new SimulatedCohort(7L, ItemAnalysis.MIN_SITTINGS - 1, 10, 3, 5);
        ItemAnalysis.Report few = ItemAnalysis.of(small.sittings, small.contents::get);
        assertThat(few.items()).allSatisfy(i -> {
            assertThat(i.flags()).isEmpty();
            assertThat(i.options()).noneMatch(OptionShare::neverChosen);
        });
        assertThat(few.sessions().get(0).sittings()).isEqualTo(ItemAnalysis.MIN_SITTINGS - 1);
    }
}
