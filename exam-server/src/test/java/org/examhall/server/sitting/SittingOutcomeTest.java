package org.examhall.server.sitting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SittingOutcomeTest {

    @Test
    void aHandedInOrVoidedSittingKeepsItsOutcomeWhetherOrNotItStarted() {
        for (boolean started : new boolean[] {true, false}) {
            assertThat(SittingOutcome.of(SittingStatus.SUBMITTED, started)).isEqualTo(SittingOutcome.SUBMITTED);
            assertThat(SittingOutcome.of(SittingStatus.VOIDED, started)).isEqualTo(SittingOutcome.VOIDED);
        }
    }

    @Test
    void anOpenSittingCountsAsHandedInOnlyIfTheCandidateBeganAnswering() {
        for (SittingStatus open : new SittingStatus[] {
            SittingStatus.REGISTERED, SittingStatus.CHECKED_IN, SittingStatus.ANSWERING, SittingStatus.PAUSED
        }) {
            assertThat(SittingOutcome.of(open, true)).as(open.name()).isEqualTo(SittingOutcome.SUBMITTED);
            assertThat(SittingOutcome.of(open, false)).as(open.name()).isEqualTo(SittingOutcome.ABSENT);
        }
    }
}
