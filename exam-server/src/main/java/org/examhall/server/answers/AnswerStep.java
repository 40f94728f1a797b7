package org.examhall.server.answers;

/**
 * One answer change from a terminal: the candidate's sequence number (the idempotency key), the
 * item number on the candidate's paper and the option labels now chosen ("" clears the answer).
 * The terminal is named so that only the terminal the sitting is bound to can answer for it.
 */
public record AnswerStep(long sittingId, long terminalId, int seq, int itemNo, String labels) {

  public AnswerStep {
    if (seq <= 0) {
      throw new IllegalArgumentException("seq must be positive");
    }
    if (itemNo <= 0) {
      throw new IllegalArgumentException("itemNo must be positive");
    }
    if (!labels.matches("[A-F]{0,6}")) {
      throw new IllegalArgumentException("labels must be option letters A-F");
    }
  }
}
