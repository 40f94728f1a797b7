package org.examhall.server.sitting;

import static org.examhall.server.sitting.SittingStatus.ANSWERING;
import static org.examhall.server.sitting.SittingStatus.CHECKED_IN;
import static org.examhall.server.sitting.SittingStatus.PAUSED;
import static org.examhall.server.sitting.SittingStatus.REGISTERED;
import static org.examhall.server.sitting.SittingStatus.SUBMITTED;
import static org.examhall.server.sitting.SittingStatus.VOIDED;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What may happen to a sitting, and the sitting's state machine as plain rules: each event is allowed
 * from some statuses and leads to one status, or leaves the status as it is. {@link SittingStore}
 * writes the transitions; the services ask these rules first, to refuse with their own error.
 */
public enum SittingEvent {
    /** A face comparison at the door, counted against the limit of three. */
    FACE_ATTEMPT(EnumSet.of(REGISTERED), null),
    /** Identity confirmed: the candidate is bound to the terminal at their seat. */
    CHECK_IN(EnumSet.of(REGISTERED), CHECKED_IN),
    /** The session starts, or a latecomer is admitted while it runs. */
    START(EnumSet.of(CHECKED_IN), ANSWERING),
    PAUSE(EnumSet.of(ANSWERING), PAUSED),
    RESUME(EnumSet.of(PAUSED), ANSWERING),
    WARN(SittingStatus.IN_ROOM, null),
    EXTRA_TIME(SittingStatus.IN_ROOM, null),
    MOVE(SittingStatus.IN_ROOM, null),
    /** A kiosk signal from the terminal; after the hand-in it would change what the proctors sign. */
    SIGNAL(SittingStatus.IN_ROOM, null),
    /** The candidate hands in at the terminal; a paused candidate waits for the proctor. */
    CANDIDATE_HAND_IN(EnumSet.of(ANSWERING), SUBMITTED),
    /** The server hands in: the deadline passed (a paused sitting is handed in when asked, too). */
    HAND_IN(EnumSet.of(ANSWERING, PAUSED), SUBMITTED),
    /** Two proctors void for serious misconduct, before or after the hand-in. */
    VOID(EnumSet.of(CHECKED_IN, ANSWERING, PAUSED, SUBMITTED), VOIDED),
    /** The bureau's correction of a published result: a new score. */
    RESCORE(EnumSet.of(SUBMITTED), null),
    /** The bureau's correction of a published result: voided afterwards. */
    VOID_RESULT(EnumSet.of(SUBMITTED), VOIDED);

    private final Set<SittingStatus> from;
    private final SittingStatus to;

    SittingEvent(Set<SittingStatus> from, SittingStatus to) {
        this.from = Set.copyOf(from);
        this.to = to;
    }

    public boolean allowedFrom(SittingStatus status) {
        return from.contains(status);
    }

    /** The status after this event, or empty when the event is not allowed from {@code status}. */
    public Optional<SittingStatus> next(SittingStatus status) {
        return allowedFrom(status) ? Optional.of(changesTo().orElse(status)) : Optional.empty();
    }

    /** The statuses this event is allowed from. */
    public Set<SittingStatus> from() {
        return from;
    }

    /** The status this event leads to; empty for an event that leaves the status as it is. */
    public Optional<SittingStatus> changesTo() {
        return Optional.ofNullable(to);
    }
}
