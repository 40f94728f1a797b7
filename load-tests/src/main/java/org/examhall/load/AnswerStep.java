package org.examhall.load;

/**
 * One answer change as a terminal sends it: its per-candidate sequence number, the item, and the
 * option labels sorted ("" clears the item); {@code createdNanos} is when the candidate made it.
 */
record AnswerStep(int seq, int item, String labels, long createdNanos) {}
