package org.examhall.server.sitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.sitting.SittingEvent.CANDIDATE_HAND_IN;
import static org.examhall.server.sitting.SittingEvent.CHECK_IN;
import static org.examhall.server.sitting.SittingEvent.EXTRA_TIME;
import static org.examhall.server.sitting.SittingEvent.FACE_ATTEMPT;
import static org.examhall.server.sitting.SittingEvent.HAND_IN;
import static org.examhall.server.sitting.SittingEvent.MOVE;
import static org.examhall.server.sitting.SittingEvent.PAUSE;
import static org.examhall.server.sitting.SittingEvent.RESCORE;
import static org.examhall.server.sitting.SittingEvent.RESUME;
import static org.examhall.server.sitting.SittingEvent.SIGNAL;
import static org.examhall.server.sitting.SittingEvent.START;
import static org.examhall.server.sitting.SittingEvent.VOID;
import static org.examhall.server.sitting.SittingEvent.VOID_RESULT;
import static org.examhall.server.sitting.SittingEvent.WARN;
import static org.examhall.server.sitting.SittingStatus.ANSWERING;
import static org.examhall.server.sitting.SittingStatus.CHECKED_IN;
import static org.examhall.server.sitting.SittingStatus.PAUSED;
import static org.examhall.server.sitting.SittingStatus.REGISTERED;
import static org.examhall.server.sitting.SittingStatus.SUBMITTED;
import static org.examhall.server.sitting.SittingStatus.VOIDED;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sitting's state machine, every event from every status, against the table written out by hand. */
class SittingEventTest {

    /** event → (status it is allowed from → status it leads to); every pair not listed is refused. */
    private static final Map<SittingEvent, Map<SittingStatus, SittingStatus>> TABLE = new EnumMap<>(Map.ofEntries(
            Map.entry(FACE_ATTEMPT, Map.of(REGISTERED, REGISTERED)),
            Map.entry(CHECK_IN, Map.of(REGISTERED, CHECKED_IN)),
            Map.entry(START, Map.of(CHECKED_IN, ANSWERING)),
            Map.entry(PAUSE, Map.of(ANSWERING, PAUSED)),
            Map.entry(RESUME, Map.of(PAUSED, ANSWERING)),
            Map.entry(WARN, Map.of(CHECKED_IN, CHECKED_IN, ANSWERING, ANSWERING, PAUSED, PAUSED)),
            Map.entry(EXTRA_TIME, Map.of(CHECKED_IN, CHECKED_IN, ANSWERING, ANSWERING, PAUSED, PAUSED)),
            Map.entry(MOVE, Map.of(CHECKED_IN, CHECKED_IN, ANSWERING, ANSWERING, PAUSED, PAUSED)),
            Map.entry(SIGNAL, Map.of(CHECKED_IN, CHECKED_IN, ANSWERING, ANSWERING, PAUSED, PAUSED)),
            Map.entry(CANDIDATE_HAND_IN, Map.of(ANSWERING, SUBMITTED)),
            Map.entry(HAND_IN, Map.of(ANSWERING, SUBMITTED, PAUSED, SUBMITTED)),
            Map.entry(VOID, Map.of(CHECKED_IN, VOIDED, ANSWERING, VOIDED, PAUSED, VOIDED, SUBMITTED, VOIDED)),
            Map.entry(RESCORE, Map.of(SUBMITTED, SUBMITTED)),
            Map.entry(VOID_RESULT, Map.of(SUBMITTED, VOIDED))));

    @Test
    void everyEventFromEveryStatusFollowsTheTable() {
        assertThat(TABLE.keySet()).as("every event is in the table").containsExactlyInAnyOrder(SittingEvent.values());
        for (SittingEvent event : SittingEvent.values()) {
            for (SittingStatus status : SittingStatus.values()) {
                Optional<SittingStatus> expected =
                        Optional.ofNullable(TABLE.get(event).get(status));
                assertThat(event.next(status)).as("%s from %s", event, status).isEqualTo(expected);
                assertThat(event.allowedFrom(status))
                        .as("%s allowed from %s", event, status)
                        .isEqualTo(expected.isPresent());
            }
        }
    }

    @Test
    void aVoidedSittingIsFinal() {
        for (SittingEvent event : SittingEvent.values()) {
            assertThat(event.allowedFrom(VOIDED)).as(event.name()).isFalse();
        }
    }

    @Test
    void nothingLeadsBackToRegisteredAndOnlyCorrectionsOrVoidingTouchAHandedInSitting() {
        for (SittingEvent event : SittingEvent.values()) {
            for (SittingStatus status : SittingStatus.values()) {
                event.next(status).ifPresent(next -> {
                    if (status != REGISTERED) {
                        assertThat(next).as("%s from %s", event, status).isNotEqualTo(REGISTERED);
                    }
                    if (status == SUBMITTED) {
                        assertThat(event).isIn(VOID, RESCORE, VOID_RESULT);
                    }
                });
            }
        }
    }

    @Test
    void theStatusesAreTheDatabasesCheckConstraint() {
        assertThat(SittingStatus.values())
                .extracting(Enum::name)
                .containsExactly("REGISTERED", "CHECKED_IN", "ANSWERING", "PAUSED", "SUBMITTED", "VOIDED");
    }
}
