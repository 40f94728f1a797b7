package org.examhall.bank.assembly;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintProblem;
import org.examhall.bank.blueprint.BlueprintValidator;
import org.examhall.bank.blueprint.InvalidBlueprintException;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionType;

/**
 * Draws papers for one blueprint from one bank snapshot. The same seed always gives the same paper;
 * different seeds give independent papers. Thread-safe: the pools are computed once here and each
 * draw keeps its own state, so one assembler can serve a whole exam-start storm.
 */
public final class PaperAssembler {

    /** Never written, so one instance serves every draw on every thread. */
    static final BitSet NOTHING_AVOIDED = new BitSet();

    private final AssemblyPlan plan;

    /**
     * @throws InvalidBlueprintException when the blueprint contradicts itself
     * @throws AssemblyException         when the bank lacks active questions for a constraint, naming the
     *                                   first such constraint and the shortfall
     */
    public PaperAssembler(Blueprint blueprint, QuestionBank bank) {
        List<BlueprintProblem> problems = BlueprintValidator.validate(blueprint);
        if (!problems.isEmpty()) {
            throw new InvalidBlueprintException(problems);
        }
        this.plan = AssemblyPlan.build(blueprint, bank);
        for (PoolCheck check : plan.poolChecks()) {
            if (!check.sufficient()) {
                throw AssemblyException.of(check);
            }
        }
    }

    public Blueprint blueprint() {
        return plan.blueprint;
    }

    /** The paper for this seed. */
    public Paper assemble(long seed) {
        return draw(seed, NOTHING_AVOIDED, ExposureGuard.NONE).paper();
    }

    /**
     * A retake paper: the questions of the candidate's previous paper are used only where the bank has
     * too few others to meet the blueprint.
     */
    public Paper assembleRetake(long seed, Paper previous) {
        return draw(seed, indexesOf(previous), ExposureGuard.NONE).paper();
    }

    AssemblyPlan plan() {
        return plan;
    }

    BitSet indexesOf(Paper paper) {
        BitSet indexes = new BitSet(plan.questions.length);
        for (String id : paper.questionIds()) {
            int index = plan.indexOf(id);
            if (index >= 0) {
                indexes.set(index);
            }
        }
        return indexes;
    }

    Drawn draw(long seed, BitSet avoided, ExposureGuard exposure) {
        SeededRandom random = new SeededRandom(seed);
        DrawState state = new DrawState(plan.questions.length, avoided, exposure);
        Blueprint blueprint = plan.blueprint;
        int[] allIndexes = new int[blueprint.questionCount()];
        int drawnCount = 0;
        List<PaperSection> sections = new ArrayList<>(plan.sections.size());
        for (SectionPlan section : plan.sections) {
            int[] indexes = new SectionDraw(plan, section, state, random).draw();
            List<PaperItem> items = new ArrayList<>(indexes.length);
            for (int index : indexes) {
                Question question = plan.questions[index];
                items.add(new PaperItem(drawnCount + 1, question, optionOrder(question, random)));
                allIndexes[drawnCount++] = index;
            }
            BigDecimal pointsEach = section.section.pointsEach();
            sections.add(new PaperSection(section.section.type(), pointsEach, items));
        }
        Paper paper = new Paper(
                blueprint.id(),
                blueprint.title(),
                blueprint.category(),
                plan.bankVersion,
                seed,
                blueprint.durationMinutes(),
                blueprint.totalPoints(),
                blueprint.passMark(),
                blueprint.multipleChoiceRule(),
                sections);
        return new Drawn(paper, allIndexes);
    }

    /** True/false options keep 正确 before 错误 as every paper prints them; authors may pin others. */
    private static OptionOrder optionOrder(Question question, SeededRandom random) {
        int optionCount = question.content().options().size();
        if (question.type() == QuestionType.TRUE_FALSE || question.content().fixedOptionOrder()) {
            return OptionOrder.identity(optionCount);
        }
        return OptionOrder.shuffled(optionCount, random);
    }

    /** A drawn paper with the plan indexes of its questions, for exposure bookkeeping. */
    record Drawn(Paper paper, int[] indexes) {}
}
