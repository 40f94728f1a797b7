package org.examhall.bank.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionRef;
import org.examhall.bank.question.QuestionType;

/** Bounds and invariances that hold for any set of scored sittings. */
class ItemAnalysisPropertiesTest {

    private static final QuestionContent CONTENT = QuestionContent.choice(
            QuestionType.MULTIPLE_CHOICE, "题", List.of("甲", "乙", "丙", "丁"), "AC", List.of(), 3, "ELEC-LV");

    /** Random papers of {@code length} items drawn from a pool of 12, with random answers and scores. */
    private static List<ScoredSitting> sittings(long seed, int count, int length) {
        Random random = new Random(seed);
        List<ScoredSitting> sittings = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            List<Integer> pool = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
            Collections.shuffle(pool, random);
            List<ItemResponse> responses = new ArrayList<>();
            double points = 0;
            for (int j = 0; j < length; j++) {
                double score = random.nextInt(3) / 2.0;
                points += 2 * score;
                String chosen = random.nextBoolean()
                        ? ""
                        : String.valueOf((char) ('A' + random.nextInt(4))) + (random.nextBoolean() ? "C" : "");
                responses.add(new ItemResponse(
                        j + 1,
                        new QuestionRef("Q" + pool.get(j), 1),
                        chosen,
                        score,
                        random.nextBoolean() ? null : (double) random.nextInt(90)));
            }
            sittings.add(new ScoredSitting(
                    random.nextInt(3), "p" + random.nextInt(4), points, 2.0 * length, 1.2 * length, responses));
        }
        return sittings;
    }

    @Property
    void every_statistic_stays_in_its_range(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 80) int count,
            @ForAll @IntRange(min = 1, max = 12) int length) {
        ItemAnalysis.Report report = ItemAnalysis.of(sittings(seed, count, length), q -> CONTENT);
        for (ItemStatistics item : report.items()) {
            assertThat(item.p()).isBetween(0.0, 1.0);
            assertThat(item.upperLower()).isBetween(-1.0, 1.0);
            if (item.pointBiserial() != null) {
                assertThat(item.pointBiserial()).isBetween(-1.0, 1.0);
            }
            assertThat(item.papers()).isBetween(1, item.sittings());
            assertThat(item.options()).hasSize(4).allSatisfy(o -> {
                assertThat(o.share()).isBetween(0.0, 1.0);
                assertThat(o.upperShare()).isBetween(0.0, 1.0);
                assertThat(o.lowerShare()).isBetween(0.0, 1.0);
            });
            if (item.sittings() < ItemAnalysis.MIN_SITTINGS) {
                assertThat(item.flags()).isEmpty();
            }
        }
        assertThat(report.items().stream().mapToInt(ItemStatistics::sittings).sum())
                .isEqualTo(count * length);
        for (SessionStatistics session : report.sessions()) {
            assertThat(session.histogram().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(session.sittings());
            assertThat(session.passRate()).isBetween(0.0, 1.0);
            if (session.kr20() != null) {
                assertThat(session.kr20()).isLessThanOrEqualTo(1.0 + 1e-9);
            }
        }
    }

    @Property
    void the_order_sittings_come_in_does_not_change_p_or_the_point_biserial(
            @ForAll long seed, @ForAll @IntRange(min = 2, max = 60) int count) {
        List<ScoredSitting> sittings = sittings(seed, count, 6);
        List<ScoredSitting> shuffled = new ArrayList<>(sittings);
        Collections.shuffle(shuffled, new Random(seed + 1));
        ItemAnalysis.Report a = ItemAnalysis.of(sittings, q -> CONTENT);
        ItemAnalysis.Report b = ItemAnalysis.of(shuffled, q -> CONTENT);
        for (int i = 0; i < a.items().size(); i++) {
            assertThat(b.items().get(i).question()).isEqualTo(a.items().get(i).question());
            assertThat(b.items().get(i).p()).isCloseTo(a.items().get(i).p(), offset(1e-9));
            if (a.items().get(i).pointBiserial() != null) {
                assertThat(b.items().get(i).pointBiserial())
                        .isCloseTo(a.items().get(i).pointBiserial(), offset(1e-9));
            }
        }
    }

    @Property
    void tallies_add_up_to_the_statistics_of_all_their_sittings(
            @ForAll long seed,
            @ForAll @IntRange(min = 2, max = 60) int count,
            @ForAll @IntRange(min = 1, max = 59) int cut) {
        List<ScoredSitting> sittings = sittings(seed, count, 6).stream()
                .map(s -> new ScoredSitting(1, s.paper(), s.points(), s.total(), s.passMark(), s.responses()))
                .toList();
        int split = Math.min(cut, count - 1);
        ItemAnalysis.Report whole = ItemAnalysis.report(List.of(ItemAnalysis.tally(sittings)), q -> CONTENT);
        ItemAnalysis.Report parts = ItemAnalysis.report(
                List.of(
                        ItemAnalysis.tally(sittings.subList(0, split)),
                        ItemAnalysis.tally(sittings.subList(split, count))),
                q -> CONTENT);
        assertThat(parts.items()).hasSameSizeAs(whole.items());
        for (int i = 0; i < whole.items().size(); i++) {
            ItemStatistics a = whole.items().get(i);
            ItemStatistics b = parts.items().get(i);
            assertThat(b.sittings()).isEqualTo(a.sittings());
            assertThat(b.p()).isCloseTo(a.p(), offset(1e-9));
            for (int o = 0; o < a.options().size(); o++) {
                assertThat(b.options().get(o).share())
                        .isCloseTo(a.options().get(o).share(), offset(1e-9));
            }
            if (a.pointBiserial() != null && b.pointBiserial() != null) {
                assertThat(b.pointBiserial()).isCloseTo(a.pointBiserial(), offset(1e-6));
            }
        }
    }

    @Property
    void identical_scores_leave_reliability_undefined(@ForAll @IntRange(min = 2, max = 40) int count) {
        // Every candidate scores the same: no variance, so KR-20 is undefined rather than a number.
        List<ScoredSitting> same = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            same.add(new ScoredSitting(
                    1,
                    "p",
                    2,
                    4,
                    2,
                    List.of(
                            new ItemResponse(1, new QuestionRef("Q1", 1), "A", 1, null),
                            new ItemResponse(2, new QuestionRef("Q2", 1), "B", 0, null),
                            new ItemResponse(3, new QuestionRef("Q3", 1), "AC", 1, null))));
        }
        SessionStatistics session =
                ItemAnalysis.of(same, q -> CONTENT).sessions().get(0);
        assertThat(session.kr20()).isNull();
        assertThat(session.sdPoints()).isZero();
    }
}
