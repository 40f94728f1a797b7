package org.examhall.server.sitting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SittingClockTest {

    private static final Instant DEADLINE = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void remainingCountsDownToTheDeadlineAndStopsAtZero() {
        SittingClock clock = new SittingClock(DEADLINE, null);
        assertThat(clock.remaining(DEADLINE.minusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(clock.remaining(DEADLINE.plusSeconds(5))).isEqualTo(Duration.ZERO);
    }

    @Test
    void aPausedClockStandsStillAtItsPause() {
        SittingClock clock = new SittingClock(DEADLINE, DEADLINE.minusSeconds(600));
        assertThat(clock.paused()).isTrue();
        assertThat(clock.remaining(DEADLINE.minusSeconds(60))).isEqualTo(Duration.ofSeconds(600));
        assertThat(clock.remaining(DEADLINE.plusSeconds(3600))).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void beforeTheStartNoTimeIsLeftAndNoDeadlineIsShown() {
        SittingClock clock = new SittingClock(null, null);
        assertThat(clock.started()).isFalse();
        assertThat(clock.remaining(DEADLINE)).isEqualTo(Duration.ZERO);
        assertThat(clock.toJson("CHECKED_IN").getLong("remainingMs")).isZero();
        assertThat(clock.toJson("CHECKED_IN").getString("deadline")).isNull();
    }

    @Test
    void theTerminalsCountdownCarriesStatusDeadlineAndServerTime() {
        Instant deadline = Instant.now().plus(Duration.ofHours(1));
        var json = new SittingClock(deadline, null).toJson("ANSWERING");
        assertThat(json.getString("status")).isEqualTo("ANSWERING");
        assertThat(json.getString("deadline")).isEqualTo(deadline.toString());
        assertThat(json.getLong("remainingMs"))
                .isBetween(
                        Duration.ofMinutes(59).toMillis(), Duration.ofHours(1).toMillis());
        assertThat(json.getString("serverTime")).isNotNull();
    }
}
