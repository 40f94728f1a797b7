package org.examhall.bank.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperItem;
import org.examhall.bank.assembly.PaperSection;
import org.examhall.bank.question.OptionLabels;

/**
 * Scores a paper. A pure function of the paper and the responses: it reads no clock, bank or blueprint,
 * so scoring an archived paper again gives the same report.
 */
public final class PaperScorer {

    private PaperScorer() {}

    public static ScoreReport score(Paper paper, Responses responses) {
        List<ItemScore> items = new ArrayList<>(paper.questionCount());
        List<SectionScore> sections = new ArrayList<>(paper.sections().size());
        Map<String, KnowledgePointTally> byKnowledgePoint = new TreeMap<>();
        BigDecimal score = BigDecimal.ZERO;
        for (PaperSection section : paper.sections()) {
            BigDecimal sectionEarned = BigDecimal.ZERO;
            int correct = 0;
            for (PaperItem item : section.items()) {
                ItemScore itemScore = scoreItem(paper, section, item, responses);
                items.add(itemScore);
                sectionEarned = sectionEarned.add(itemScore.earned());
                correct += itemScore.outcome() == ItemOutcome.CORRECT ? 1 : 0;
                for (String kp : item.question().content().knowledgePoints()) {
                    byKnowledgePoint
                            .computeIfAbsent(kp, k -> new KnowledgePointTally())
                            .add(itemScore);
                }
            }
            BigDecimal possible = section.pointsEach()
                    .multiply(BigDecimal.valueOf(section.items().size()));
            sections.add(new SectionScore(section.type(), section.items().size(), correct, sectionEarned, possible));
            score = score.add(sectionEarned);
        }
        List<KnowledgePointScore> knowledgePoints = new ArrayList<>(byKnowledgePoint.size());
        byKnowledgePoint.forEach((kp, tally) -> knowledgePoints.add(tally.toScore(kp)));
        return new ScoreReport(
                score,
                paper.totalPoints(),
                paper.passMark(),
                score.compareTo(paper.passMark()) >= 0,
                sections,
                knowledgePoints,
                items);
    }

    private static ItemScore scoreItem(Paper paper, PaperSection section, PaperItem item, Responses responses) {
        int displayed = responses.chosenPositions(item.number());
        int optionCount = item.optionOrder().size();
        boolean namesMissingOption = (displayed >>> optionCount) != 0;
        int chosen = namesMissingOption ? -1 : item.optionOrder().toOriginalMask(displayed);
        ItemGrader.Grade grade = ItemGrader.grade(
                section.type(),
                item.question().content().answer().mask(),
                chosen,
                section.pointsEach(),
                paper.multipleChoiceRule());
        String chosenLetters = namesMissingOption ? OptionLabels.lettersOf(displayed) : OptionLabels.lettersOf(chosen);
        return new ItemScore(
                item.number(),
                item.question().ref(),
                chosenLetters,
                grade.outcome(),
                grade.earned(),
                section.pointsEach());
    }

    private static final class KnowledgePointTally {
        private int questions;
        private BigDecimal earned = BigDecimal.ZERO;
        private BigDecimal possible = BigDecimal.ZERO;

        void add(ItemScore item) {
            questions++;
            earned = earned.add(item.earned());
            possible = possible.add(item.possible());
        }

        KnowledgePointScore toScore(String knowledgePoint) {
            return new KnowledgePointScore(knowledgePoint, questions, earned, possible);
        }
    }
}
