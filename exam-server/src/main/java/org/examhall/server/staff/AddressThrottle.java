package org.examhall.server.staff;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address in a fixed window, beside the per-account lock-out: one
 * address trying a few passwords on each of many accounts is stopped although no account locks.
 * Kept per node (a cluster behind a balancer multiplies the limit by its nodes, which the README
 * says); the map forgets windows that have ended, so a spray of addresses cannot grow it forever.
 */
public final class AddressThrottle {

  private static final int SWEEP_ABOVE = 10_000;

  private final int maxFailures;
  private final long windowMillis;
  private final Clock clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private record Window(long startedAt, int failures) {
  }

  public AddressThrottle(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.windowMillis = window.toMillis();
    this.clock = clock;
  }

  public boolean allows(String address) {
    Window window = windows.get(address);
    return window == null || expired(window, clock.millis()) || window.failures() < maxFailures;
  }

  public void failed(String address) {
    long now = clock.millis();
    if (windows.size() > SWEEP_ABOVE) {
      windows.values().removeIf(w -> expired(w, now));
    }
    windows.merge(address, new Window(now, 1),
        (old, one) -> expired(old, now) ? one : new Window(old.startedAt(), old.failures() + 1));
  }

  /** Seconds until the address may try again (for Retry-After). */
  public long retryAfterSeconds(String address) {
    Window window = windows.get(address);
    return window == null ? 0 : Math.max(1, (window.startedAt() + windowMillis - clock.millis() + 999) / 1000);
  }

  private boolean expired(Window window, long now) {
    return now - window.startedAt() >= windowMillis;
  }
}
