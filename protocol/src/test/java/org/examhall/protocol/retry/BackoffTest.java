package org.examhall.protocol.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublingDelaysGrowUpToTheCap() {
        Backoff backoff = Backoff.doubling(500, 3000);
        assertThat(backoff.delayMs(1)).isEqualTo(500);
        assertThat(backoff.delayMs(2)).isEqualTo(1000);
        assertThat(backoff.delayMs(3)).isEqualTo(2000);
        assertThat(backoff.delayMs(4)).isEqualTo(3000);
        assertThat(backoff.delayMs(5)).isEqualTo(3000);
        assertThat(backoff.delayMs(10_000)).isEqualTo(3000);
    }

    @Test
    void retriesBackOffExponentiallyUpToTheCapWithJitterBelowTheBase() {
        Backoff none = new Backoff(1000, 2, 60_000, 0.5, () -> 0.0);
        Backoff most = new Backoff(1000, 2, 60_000, 0.5, () -> 1.0);
        assertThat(none.delayMs(1)).isEqualTo(1000);
        assertThat(none.delayMs(2)).isEqualTo(2000);
        assertThat(none.delayMs(5)).isEqualTo(16_000);
        assertThat(none.delayMs(40)).isEqualTo(60_000);
        assertThat(most.delayMs(3)).isEqualTo(2000);
        assertThat(most.delayMs(40)).isEqualTo(30_000);
    }

    @Test
    void aScheduleThatCouldNotWorkIsRefused() {
        assertThatThrownBy(() -> Backoff.doubling(0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.doubling(200, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(100, 0.5, 1000, 0, () -> 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
