package org.examhall.server.sitting;

import java.util.Set;

/**
 * Where a candidate's sitting stands; the same names as the CHECK constraint on {@code sitting.status}
 * (V10__exam_delivery.sql), which is what the database stores.
 */
public enum SittingStatus {
    REGISTERED,
    CHECKED_IN,
    ANSWERING,
    PAUSED,
    SUBMITTED,
    VOIDED;

    /** The candidate is in the room: checked in and neither handed in nor voided. */
    public static final Set<SittingStatus> IN_ROOM = Set.of(CHECKED_IN, ANSWERING, PAUSED);

    /** The sitting is over for the candidate: their terminal shows only the closing screen. */
    public static final Set<SittingStatus> HANDED_IN = Set.of(SUBMITTED, VOIDED);
}
