package org.examhall.server.sitting;

/**
 * What a sitting counts as in the results and in the package sent to the province: the same names as the
 * {@code outcome} columns of {@code province_outbox} and {@code result_correction}, and the province's field.
 */
public enum SittingOutcome {
    SUBMITTED,
    VOIDED,
    /** Never started, whether or not checked in at the door. */
    ABSENT;

    /**
     * @param started whether the candidate ever began answering: a sitting still open when results are published
     *     (the session was closed around it) counts as handed in if it was started
     */
    public static SittingOutcome of(SittingStatus status, boolean started) {
        return switch (status) {
            case SUBMITTED -> SUBMITTED;
            case VOIDED -> VOIDED;
            default -> started ? SUBMITTED : ABSENT;
        };
    }
}
