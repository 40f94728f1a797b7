package org.examhall.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one terminal knows the server holds: per item, the acknowledged step with the highest
 * sequence number (acknowledgements may arrive in any order), and the steps it sent but never saw
 * acknowledged, whose fate it cannot know. Used from the terminal's own context only.
 */
final class AcknowledgedAnswers {

    private final Map<Integer, AnswerStep> latest = new HashMap<>();
    private final List<AnswerStep> unresolved = new ArrayList<>();
    private int highestSeq;

    void acknowledged(AnswerStep step) {
        AnswerStep previous = latest.get(step.item());
        if (previous == null || step.seq() > previous.seq()) {
            latest.put(step.item(), step);
        }
        highestSeq = Math.max(highestSeq, step.seq());
    }

    /** Sent, but refused or given up on: the server may or may not hold it. */
    void unresolved(AnswerStep step) {
        unresolved.add(step);
    }

    /** Item → labels: the final answer sheet the server must hold. */
    Map<Integer, String> answers() {
        Map<Integer, String> out = new HashMap<>();
        latest.forEach((item, step) -> out.put(item, step.labels()));
        return out;
    }

    AnswerStep latest(int item) {
        return latest.get(item);
    }

    List<AnswerStep> unresolved() {
        return List.copyOf(unresolved);
    }

    int highestSeq() {
        return highestSeq;
    }
}
