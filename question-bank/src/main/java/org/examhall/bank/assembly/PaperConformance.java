package org.examhall.bank.assembly;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintSection;
import org.examhall.bank.blueprint.DifficultyBand;
import org.examhall.bank.blueprint.KnowledgePointQuota;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.QuestionType;

/**
 * Checks a paper against its blueprint from the outside, without trusting how it was drawn: for
 * audits of stored papers, and as the oracle of the assembly tests.
 */
public final class PaperConformance {

    private PaperConformance() {}

    /** Every way the paper departs from the blueprint; empty when it conforms. */
    public static List<String> violations(Paper paper, Blueprint blueprint) {
        List<String> violations = new ArrayList<>();
        if (!paper.blueprintId().equals(blueprint.id())) {
            violations.add("paper is for blueprint " + paper.blueprintId() + ", not " + blueprint.id());
        }
        if (paper.totalPoints().compareTo(blueprint.totalPoints()) != 0
                || paper.passMark().compareTo(blueprint.passMark()) != 0
                || paper.durationMinutes() != blueprint.durationMinutes()
                || paper.multipleChoiceRule() != blueprint.multipleChoiceRule()) {
            violations.add("paper's total, pass mark, duration or multiple-choice rule differ from the blueprint");
        }
        if (paper.sections().size() != blueprint.sections().size()) {
            violations.add("paper has " + paper.sections().size() + " sections, blueprint "
                    + blueprint.sections().size());
            return violations;
        }
        Set<String> ids = new HashSet<>();
        int expectedNumber = 1;
        for (int s = 0; s < paper.sections().size(); s++) {
            PaperSection section = paper.sections().get(s);
            BlueprintSection rule = blueprint.sections().get(s);
            checkSection(section, rule, blueprint.category(), violations);
            for (PaperItem item : section.items()) {
                if (item.number() != expectedNumber++) {
                    violations.add("item " + item.number() + " is out of sequence");
                }
                if (!ids.add(item.question().id())) {
                    violations.add("question " + item.question().id() + " appears twice");
                }
            }
        }
        return violations;
    }

    private static void checkSection(
            PaperSection section, BlueprintSection rule, String category, List<String> violations) {
        String name = "section " + rule.type();
        if (section.type() != rule.type() || section.pointsEach().compareTo(rule.pointsEach()) != 0) {
            violations.add(name + ": type or points differ from the blueprint");
        }
        if (section.items().size() != rule.count()) {
            violations.add(name + ": " + section.items().size() + " questions, blueprint wants " + rule.count());
        }
        for (PaperItem item : section.items()) {
            checkItem(name, item, rule.type(), category, violations);
        }
        for (KnowledgePointQuota quota : rule.knowledgePointQuotas()) {
            long count = section.items().stream()
                    .filter(i -> i.question().content().hasKnowledgePoint(quota.knowledgePoint()))
                    .count();
            if (count < quota.minCount()) {
                violations.add(name + ": " + count + " questions in knowledge point " + quota.knowledgePoint()
                        + ", at least " + quota.minCount() + " wanted");
            }
        }
        for (DifficultyBand band : rule.difficultyBands()) {
            long count = section.items().stream()
                    .filter(i -> band.contains(i.question().content().difficulty()))
                    .count();
            if (count != band.count()) {
                violations.add(
                        name + ": " + count + " questions of " + band.describe() + ", " + band.count() + " wanted");
            }
        }
    }

    private static void checkItem(
            String name, PaperItem item, QuestionType type, String category, List<String> violations) {
        var question = item.question();
        if (question.type() != type || !question.content().category().equals(category)) {
            violations.add(name + ": question " + question.ref() + " is of another type or category");
        }
        if (question.status() != QuestionStatus.ACTIVE) {
            violations.add(name + ": question " + question.ref() + " was not active");
        }
        boolean mustKeepOrder =
                type == QuestionType.TRUE_FALSE || question.content().fixedOptionOrder();
        if (mustKeepOrder && !item.optionOrder().isIdentity()) {
            violations.add(name + ": options of fixed-order question " + question.ref() + " were shuffled");
        }
    }
}
