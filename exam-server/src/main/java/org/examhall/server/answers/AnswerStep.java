package org.examhall.server.answers;

import java.util.regex.Pattern;

/**
 * One answer change from a terminal: the candidate's sequence number (the idempotency key), the
 * item number on the candidate's paper and the option labels now chosen ("" clears the answer).
 * The terminal is named so that only the terminal the sitting is bound to can answer for it.
 */
public record AnswerStep(long sittingId, long terminalId, int seq, int itemNo, String labels) {

    /** Compiled once: every autosave step is checked against it, 1,000 a second at 10,000 terminals. */
    private static final Pattern LABELS = Pattern.compile("[A-F]{0,6}");

    /** Option letters A–F, at most six; "" clears the answer. */
    public static boolean validLabels(String labels) {
        return labels != null && LABELS.matcher(labels).matches();
    }

    public AnswerStep {
        if (seq <= 0) {
            throw new IllegalArgumentException("seq must be positive");
        }
        if (itemNo <= 0) {
            throw new IllegalArgumentException("itemNo must be positive");
        }
        if (!validLabels(labels)) {
            throw new IllegalArgumentException("labels must be option letters A-F");
        }
    }
}
