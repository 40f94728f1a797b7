package org.examhall.server.sessions;

import java.time.Duration;
import java.time.Instant;

/**
 * The server's clock for one sitting, as stored: the deadline, and when paused, the moment the
 * pause began. Extra time moves the deadline; a resume moves it by the length of the pause, so
 * the candidate loses no time; while paused the remaining time is frozen.
 */
public record SittingClock(Instant deadline, Instant pausedAt) {

  public static SittingClock started(Instant at, Duration duration) {
    return new SittingClock(at.plus(duration), null);
  }

  public boolean paused() {
    return pausedAt != null;
  }

  public Duration remaining(Instant now) {
    Instant reference = paused() ? pausedAt : now;
    Duration left = Duration.between(reference, deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public SittingClock withExtra(Duration more) {
    if (more.isNegative() || more.isZero()) {
      throw new IllegalArgumentException("extra time must be positive");
    }
    return new SittingClock(deadline.plus(more), pausedAt);
  }

  public SittingClock pause(Instant at) {
    if (paused()) {
      throw new IllegalStateException("already paused");
    }
    return new SittingClock(deadline, at);
  }

  public SittingClock resume(Instant at) {
    if (!paused()) {
      throw new IllegalStateException("not paused");
    }
    return new SittingClock(deadline.plus(Duration.between(pausedAt, at)), null);
  }
}
