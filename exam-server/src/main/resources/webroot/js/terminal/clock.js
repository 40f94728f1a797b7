// The exam clock. The server owns it: remainingMs from the paper and from each heartbeat is
// interpolated locally with a monotonic clock in between, and stands still while not answering.

import { clockText } from '../lib/format.js';

const ANNOUNCE_AT_MINUTES = [15, 5, 1];
const ANNOUNCE_WINDOW_MS = 10_000;

export class ExamClock {
  /** @param now a monotonic clock in ms (performance.now in the page) */
  constructor(now = () => performance.now()) {
    this.now = now;
    this.remainingMs = 0;
    this.at = now();
    this.status = null;
  }

  /** Takes remainingMs and status from a paper or heartbeat response, where present. */
  sync(response) {
    if (typeof response.remainingMs === 'number') {
      this.remainingMs = response.remainingMs;
      this.at = this.now();
    }
    if (response.status) {
      this.status = response.status;
    }
  }

  /** Time left now; `status` is the sitting's as the page knows it, used until a response named one. */
  remaining(status) {
    const running = (this.status || status) === 'ANSWERING';
    return Math.max(0, this.remainingMs - (running ? this.now() - this.at : 0));
  }
}

/** 3725000 → "1:02:05", 59001 → "01:00" (whole seconds, rounded up). */
export function formatClock(ms) {
  return clockText(Math.ceil(ms / 1000), true);
}

/** '' , 'low' (the last 5 minutes) or 'critical' (the last minute). */
export function urgency(leftMs) {
  if (leftMs <= 60_000) {
    return 'critical';
  }
  return leftMs <= 5 * 60_000 ? 'low' : '';
}

/**
 * The mark (15, 5 or 1 minutes) to announce to screen readers now, or null: each once, within
 * 10 s after it is reached. `announced` holds the marks already announced and is updated.
 */
export function announcement(leftMs, announced) {
  const due = ANNOUNCE_AT_MINUTES.find((minutes) => leftMs <= minutes * 60_000
    && leftMs > minutes * 60_000 - ANNOUNCE_WINDOW_MS && !announced.has(minutes));
  if (due === undefined) {
    return null;
  }
  announced.add(due);
  return due;
}
