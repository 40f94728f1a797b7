package org.examhall.bank.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.examhall.bank.question.OptionLabels;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionRef;

/**
 * Classical item analysis over scored sittings, per question version and per session.
 *
 * <p>Each candidate's paper is drawn separately, so an item is compared with the candidates who were
 * asked it: its upper and lower groups are the top and bottom 27 % of those candidates by their share
 * of the total points, and its point-biserial is the correlation of the item score with the rest of
 * the paper (the other items' score shares summed), so an item does not correlate with itself.
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

    private ItemAnalysis() {
    }

    /**
     * @param contents the question versions asked, for their options and keys; a version it does not
     *                 know gets no option shares and no key check
     */
    public static Report of(List<ScoredSitting> sittings, Function<QuestionRef, QuestionContent> contents) {
        Map<QuestionRef, List<Answer>> byQuestion = new LinkedHashMap<>();
        for (ScoredSitting sitting : sittings) {
            double paperScore = 0;
            for (ItemResponse response : sitting.responses()) {
                paperScore += response.score();
            }
            double standing = sitting.total() > 0 ? sitting.points() / sitting.total() : 0;
            for (ItemResponse response : sitting.responses()) {
                byQuestion.computeIfAbsent(response.question(), q -> new ArrayList<>())
                        .add(new Answer(sitting, response, paperScore - response.score(), standing));
            }
        }
        List<ItemStatistics> items = byQuestion.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> item(e.getKey(), e.getValue(), contents.apply(e.getKey())))
                .toList();
        return new Report(items, SessionAnalysis.of(sittings));
    }

    /** One candidate's answer with where the candidate stands. */
    private record Answer(ScoredSitting sitting, ItemResponse response, double rest, double standing) {
    }

    private static ItemStatistics item(QuestionRef question, List<Answer> answers, QuestionContent content) {
        int n = answers.size();
        double[] scores = answers.stream().mapToDouble(a -> a.response().score()).toArray();
        double[] rest = answers.stream().mapToDouble(Answer::rest).toArray();
        double p = Statistics.mean(scores);
        Double pointBiserial = Statistics.correlation(scores, rest);
        List<Answer> ranked = answers.stream().sorted(Comparator.comparingDouble(Answer::standing).reversed()).toList();
        int group = Math.max(1, (int) Math.round(GROUP_SHARE * n));
        List<Answer> upper = ranked.subList(0, group);
        List<Answer> lower = ranked.subList(n - group, n);
        double upperLower = meanScore(upper) - meanScore(lower);
        List<OptionShare> options = content == null ? List.of() : options(content, answers, upper, lower);
        Set<String> papers = new HashSet<>();
        answers.forEach(a -> papers.add(a.sitting().session() + "/" + a.sitting().paper()));
        double[] seconds = answers.stream().map(a -> a.response().seconds()).filter(s -> s != null)
                .mapToDouble(Double::doubleValue).toArray();
        return new ItemStatistics(question, n, papers.size(), p, pointBiserial, upperLower, options,
                seconds.length == 0 ? null : Statistics.mean(seconds), flags(n, p, pointBiserial, options));
    }

    private static List<OptionShare> options(QuestionContent content, List<Answer> all, List<Answer> upper,
                                             List<Answer> lower) {
        return IntStream.range(0, content.options().size()).mapToObj(i -> {
            char label = OptionLabels.letter(i);
            boolean key = content.answer().contains(i);
            double share = chose(all, label);
            return new OptionShare(label, key, share, chose(upper, label), chose(lower, label),
                    !key && share == 0 && all.size() >= MIN_SITTINGS);
        }).toList();
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
        double weakestKey = options.stream().filter(OptionShare::key).mapToDouble(OptionShare::upperShare)
                .min().orElse(Double.NaN);
        if (options.stream().anyMatch(o -> !o.key() && o.upperShare() > weakestKey)) {
            flags.add(ReviewFlag.KEY_SUSPECT);
        }
        return flags;
    }

    private static double meanScore(List<Answer> answers) {
        return answers.stream().mapToDouble(a -> a.response().score()).average().orElse(0);
    }

    private static double chose(List<Answer> answers, char label) {
        long count = answers.stream().filter(a -> a.response().chosen().indexOf(label) >= 0).count();
        return answers.isEmpty() ? 0 : (double) count / answers.size();
    }
}
