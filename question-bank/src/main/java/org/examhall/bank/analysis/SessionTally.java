package org.examhall.bank.analysis;

import java.util.Map;
import org.examhall.bank.question.QuestionRef;

/** One session's contribution to item analysis: its item tallies and its own statistics. */
public record SessionTally(Map<QuestionRef, ItemTally> items, SessionStatistics statistics) {

    public SessionTally {
        items = Map.copyOf(items);
    }
}
