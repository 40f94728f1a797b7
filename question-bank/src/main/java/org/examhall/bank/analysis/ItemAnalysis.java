package org.examhall.bank.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.examhall.bank.question.OptionLabels;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionRef;

/**
 * Classical item analysis over scored sittings, per question version and per session.
 *
 * <p>Each candidate's paper is drawn separately, so an item is compared with the candidates who were
 * asked it: its upper and lower groups are the top and bottom 27 % of those candidates in each session
 * by their share of the total points, and its point-biserial is the correlation of the item score with
 * the rest of the paper (the other items' score shares summed), so an item does not correlate with
 * itself. Each session is {@link #tally tallied} once; the statistics are the tallies added up.
 */
public final class ItemAnalysis {

    /** Fewer sittings than this say too little to flag a question. */
    public static final int MIN_SITTINGS = 30;

    public static final double TOO_HARD_BELOW = 0.20;
    public static final double TOO_EASY_ABOVE = 0.95;
    public static final double WEAK_DISCRIMINATION_BELOW = 0.10;
    public static final double GROUP_SHARE = 0.27;

    /** Everything the sittings say. */
    public record Report(List<ItemStatistics> items, List<SessionStatistics> sessions) {

        public Report {
            items = List.copyOf(items);
            sessions = List.copyOf(sessions);
        }
    }

    private ItemAnalysis() {}

    /**
     * @param contents the question versions asked, for their options and keys; a version it does not
     *                 know gets no option shares and no key check
     */
    public static Report of(List<ScoredSitting> sittings, Function<QuestionRef, QuestionContent> contents) {
        Map<Long, List<ScoredSitting>> bySession = sittings.stream()
                .collect(Collectors.groupingBy(ScoredSitting::session, LinkedHashMap::new, Collectors.toList()));
        return report(bySession.values().stream().map(ItemAnalysis::tally).toList(), contents);
    }

    /** One session's sums, from its scored sittings (all of the same session). */
    public static SessionTally tally(List<ScoredSitting> session) {
        Map<QuestionRef, List<Answer>> byQuestion = new LinkedHashMap<>();
        for (ScoredSitting sitting : session) {
            double paperScore = sitting.responses().stream()
                    .mapToDouble(ItemResponse::score)
                    .sum();
            double standing = sitting.total() > 0 ? sitting.points() / sitting.total() : 0;
            for (ItemResponse response : sitting.responses()) {
                byQuestion
                        .computeIfAbsent(response.question(), q -> new ArrayList<>())
                        .add(new Answer(sitting, response, paperScore - response.score(), standing));
            }
        }
        Map<QuestionRef, ItemTally> items = new LinkedHashMap<>();
        byQuestion.forEach((question, answers) -> items.put(question, itemTally(answers)));
        ScoredSitting first = session.get(0);
        return new SessionTally(items, SessionAnalysis.session(first.session(), session));
    }

    /** The statistics of the sessions' tallies added up. */
    public static Report report(Collection<SessionTally> sessions, Function<QuestionRef, QuestionContent> contents) {
        Map<QuestionRef, ItemTally> merged = new TreeMap<>();
        sessions.forEach(s -> s.items()
                .forEach((question, tally) ->
                        merged.computeIfAbsent(question, q -> new ItemTally()).add(tally)));
        List<ItemStatistics> items = merged.entrySet().stream()
                .map(e -> statistics(e.getKey(), e.getValue(), contents.apply(e.getKey())))
                .toList();
        List<SessionStatistics> statistics = sessions.stream()
                .map(SessionTally::statistics)
                .sorted(Comparator.comparingLong(SessionStatistics::session))
                .toList();
        return new Report(items, statistics);
    }

    /** One candidate's answer with where the candidate stands. */
    private record Answer(ScoredSitting sitting, ItemResponse response, double rest, double standing) {}

    private static ItemTally itemTally(List<Answer> answers) {
        ItemTally tally = new ItemTally();
        Set<String> papers = new HashSet<>();
        for (Answer answer : answers) {
            double x = answer.response().score();
            tally.n++;
            tally.sumX += x;
            tally.sumXX += x * x;
            tally.sumR += answer.rest();
            tally.sumRR += answer.rest() * answer.rest();
            tally.sumXR += x * answer.rest();
            count(answer, tally.chosen);
            if (answer.response().seconds() != null) {
                tally.sumSeconds += answer.response().seconds();
                tally.timed++;
            }
            papers.add(answer.sitting().paper());
        }
        tally.papers = papers.size();
        List<Answer> ranked = answers.stream()
                .sorted(Comparator.comparingDouble(Answer::standing).reversed())
                .toList();
        int group = Math.max(1, (int) Math.round(GROUP_SHARE * answers.size()));
        for (Answer upper : ranked.subList(0, group)) {
            tally.upperN++;
            tally.upperSumX += upper.response().score();
            count(upper, tally.upperChosen);
        }
        for (Answer lower : ranked.subList(ranked.size() - group, ranked.size())) {
            tally.lowerN++;
            tally.lowerSumX += lower.response().score();
            count(lower, tally.lowerChosen);
        }
        return tally;
    }

    private static void count(Answer answer, int[] chosen) {
        answer.response()
                .chosen()
                .chars()
                .map(c -> OptionLabels.indexOf((char) c))
                .filter(i -> i >= 0 && i < chosen.length)
                .distinct()
                .forEach(i -> chosen[i]++);
    }

    private static ItemStatistics statistics(QuestionRef question, ItemTally tally, QuestionContent content) {
        double p = tally.sumX / tally.n;
        Double pointBiserial = tally.pointBiserial();
        double upperLower = tally.upperSumX / tally.upperN - tally.lowerSumX / tally.lowerN;
        List<OptionShare> options = content == null
                ? List.of()
                : IntStream.range(0, content.options().size())
                        .mapToObj(i -> {
                            boolean key = content.answer().contains(i);
                            return new OptionShare(
                                    OptionLabels.letter(i),
                                    key,
                                    (double) tally.chosen[i] / tally.n,
                                    (double) tally.upperChosen[i] / tally.upperN,
                                    (double) tally.lowerChosen[i] / tally.lowerN,
                                    !key && tally.chosen[i] == 0 && tally.n >= MIN_SITTINGS);
                        })
                        .toList();
        return new ItemStatistics(
                question,
                tally.n,
                tally.papers,
                p,
                pointBiserial,
                upperLower,
                options,
                tally.timed == 0 ? null : tally.sumSeconds / tally.timed,
                flags(tally.n, p, pointBiserial, options));
    }

    private static List<ReviewFlag> flags(int n, double p, Double pointBiserial, List<OptionShare> options) {
        List<ReviewFlag> flags = new ArrayList<>();
        if (n < MIN_SITTINGS) {
            return flags;
        }
        if (p < TOO_HARD_BELOW) {
            flags.add(ReviewFlag.TOO_HARD);
        }
        if (p > TOO_EASY_ABOVE) {
            flags.add(ReviewFlag.TOO_EASY);
        }
        if (pointBiserial != null && pointBiserial < 0) {
            flags.add(ReviewFlag.NEGATIVE_DISCRIMINATION);
        } else if (pointBiserial != null && pointBiserial < WEAK_DISCRIMINATION_BELOW) {
            flags.add(ReviewFlag.WEAK_DISCRIMINATION);
        }
        double weakestKey = options.stream()
                .filter(OptionShare::key)
                .mapToDouble(OptionShare::upperShare)
                .min()
                .orElse(Double.NaN);
        if (options.stream().anyMatch(o -> !o.key() && o.upperShare() > weakestKey)) {
            flags.add(ReviewFlag.KEY_SUSPECT);
        }
        return flags;
    }
}
