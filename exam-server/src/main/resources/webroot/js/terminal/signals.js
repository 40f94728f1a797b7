// Kiosk signals (focus lost, paste attempt, offline, reload …) for the proctors: each kind at most
// once per throttle interval, so a flapping window or link does not flood the room's alert feed.

const THROTTLE_MS = { OFFLINE: 30000 };
const DEFAULT_THROTTLE_MS = 3000;

export class SignalThrottle {
  /** @param now a clock in ms (Date.now in the page) */
  constructor(now = () => Date.now()) {
    this.now = now;
    this.lastAt = new Map();
  }

  /** Whether a signal of this kind may go now; if so, it counts as sent now. */
  admit(kind) {
    const now = this.now();
    if (now - (this.lastAt.get(kind) || 0) < (THROTTLE_MS[kind] || DEFAULT_THROTTLE_MS)) {
      return false;
    }
    this.lastAt.set(kind, now);
    return true;
  }
}
