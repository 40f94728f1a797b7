package org.examhall.bank.assembly;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.examhall.bank.blueprint.MultipleChoiceRule;

/**
 * The server's copy of one candidate's paper, answer keys included. It carries everything scoring
 * needs (the question versions, points, the multiple-choice rule and the pass mark), so a paper can
 * be scored again from the archive without the bank or the blueprint. Never send it to a terminal:
 * send {@link #candidateView()}.
 *
 * @param bankVersion the bank snapshot the paper was drawn from
 * @param seed        the seed it was drawn with; with the blueprint and bank version it redraws the paper
 */
public record Paper(
        String blueprintId,
        String title,
        String category,
        long bankVersion,
        long seed,
        int durationMinutes,
        BigDecimal totalPoints,
        BigDecimal passMark,
        MultipleChoiceRule multipleChoiceRule,
        List<PaperSection> sections) {

    public Paper {
        Objects.requireNonNull(blueprintId, "blueprintId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(totalPoints, "totalPoints");
        Objects.requireNonNull(passMark, "passMark");
        Objects.requireNonNull(multipleChoiceRule, "multipleChoiceRule");
        sections = List.copyOf(sections);
    }

    /** Every item in paper order. */
    public List<PaperItem> items() {
        return sections.stream().flatMap(s -> s.items().stream()).toList();
    }

    public int questionCount() {
        return sections.stream().mapToInt(s -> s.items().size()).sum();
    }

    /** The ids of the questions on this paper, whatever their version; what a retake must avoid. */
    public Set<String> questionIds() {
        Set<String> ids = new TreeSet<>();
        sections.forEach(s -> s.items().forEach(i -> ids.add(i.question().id())));
        return ids;
    }

    public CandidatePaper candidateView() {
        return CandidatePaper.of(this);
    }
}
