package org.examhall.proctor.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheCapAndResetAfterSuccess() {
        Backoff backoff = new Backoff(500, 3000);
        assertThat(backoff.nextDelayMillis()).isEqualTo(500);
        assertThat(backoff.nextDelayMillis()).isEqualTo(1000);
        assertThat(backoff.nextDelayMillis()).isEqualTo(2000);
        assertThat(backoff.nextDelayMillis()).isEqualTo(3000);
        assertThat(backoff.nextDelayMillis()).isEqualTo(3000);
        backoff.reset();
        assertThat(backoff.nextDelayMillis()).isEqualTo(500);
    }
}
