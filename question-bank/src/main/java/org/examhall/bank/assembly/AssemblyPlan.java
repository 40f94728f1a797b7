package org.examhall.bank.assembly;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintSection;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;

/**
 * Everything about a (blueprint, bank) pair that does not depend on the seed: the active questions of
 * the blueprint's category in id order, and per section the pools each constraint draws from.
 * Immutable once built; every draw only reads it.
 */
final class AssemblyPlan {

    final Blueprint blueprint;
    final long bankVersion;
    final Question[] questions;
    final byte[] bandOf;
    final long[] quotaMaskOf;
    final List<SectionPlan> sections;
    private final Map<String, Integer> indexById;

    private AssemblyPlan(
            Blueprint blueprint,
            long bankVersion,
            Question[] questions,
            byte[] bandOf,
            long[] quotaMaskOf,
            List<SectionPlan> sections) {
        this.blueprint = blueprint;
        this.bankVersion = bankVersion;
        this.questions = questions;
        this.bandOf = bandOf;
        this.quotaMaskOf = quotaMaskOf;
        this.sections = sections;
        this.indexById = new HashMap<>(questions.length * 2);
        for (int i = 0; i < questions.length; i++) {
            indexById.put(questions[i].id(), i);
        }
    }

    static AssemblyPlan build(Blueprint blueprint, QuestionBank bank) {
        Question[] questions = bank.active().stream()
                .filter(q -> q.content().category().equals(blueprint.category()))
                .toArray(Question[]::new);
        byte[] bandOf = new byte[questions.length];
        long[] quotaMaskOf = new long[questions.length];
        List<SectionPlan> sections = new ArrayList<>();
        for (BlueprintSection section : blueprint.sections()) {
            sections.add(SectionPlan.build(section, questions, bandOf, quotaMaskOf));
        }
        return new AssemblyPlan(blueprint, bank.version(), questions, bandOf, quotaMaskOf, List.copyOf(sections));
    }

    /** The index of a question id among the plan's questions, or -1 when it is not drawable. */
    int indexOf(String questionId) {
        Integer index = indexById.get(questionId);
        return index == null ? -1 : index;
    }

    List<PoolCheck> poolChecks() {
        List<PoolCheck> checks = new ArrayList<>();
        sections.forEach(section -> checks.addAll(section.poolChecks()));
        return checks;
    }
}
