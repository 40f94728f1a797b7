package org.examhall.server.province;

import org.examhall.server.config.ExamhallConfig;

import java.util.function.DoubleSupplier;

/**
 * When to try a failed package again: {@code initial × multiplier^(attempt−1)}, capped at the
 * maximum, less a random share of up to {@code jitter} of it, so that nodes and packages that
 * failed together do not all come back at the same moment.
 */
final class Backoff {

  private final ExamhallConfig.Retry retry;
  private final DoubleSupplier random;

  Backoff(ExamhallConfig.Retry retry, DoubleSupplier random) {
    this.retry = retry;
    this.random = random;
  }

  /** @param attempt the attempt that just failed, from 1 */
  long delayMs(int attempt) {
    double base = retry.initialDelayMs * Math.pow(retry.multiplier, Math.max(0, attempt - 1));
    double capped = Math.min(base, retry.maxDelayMs);
    return Math.max(1, Math.round(capped * (1 - retry.jitter * random.getAsDouble())));
  }
}
