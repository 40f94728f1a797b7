// The room's live feed: a WebSocket to /api/sessions/{id}/live that first sends the whole grid and
// then every change. Reconnects by itself with a growing pause (1 s, 2 s, 4 s … at most 10 s);
// each new connection starts with a fresh grid, so nothing missed while away stays missed.

const MAX_DELAY_MS = 10_000;

export class LiveFeed {
  /**
   * @param {number} sessionId
   * @param {{onMessage: function(object), onState: function(string), onRepeatedFailure: function(): Promise<boolean>}} handlers
   *   onState receives 'connecting', 'open' or 'retrying'; onRepeatedFailure is asked after three
   *   failed attempts in a row whether to keep trying (false stops, e.g. when access is refused).
   */
  constructor(sessionId, handlers) {
    this.sessionId = sessionId;
    this.handlers = handlers;
    this.socket = null;
    this.stopped = false;
    this.failures = 0;
    this.timer = null;
  }

  url() {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${window.location.host}/api/sessions/${this.sessionId}/live`;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  connect() {
    if (this.stopped) {
      return;
    }
    this.handlers.onState('connecting');
    let opened = false;
    let socket;
    try {
      socket = new WebSocket(this.url());
    } catch (e) {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      opened = true;
      this.failures = 0;
      this.handlers.onState('open');
    });
    socket.addEventListener('message', (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      this.handlers.onMessage(message);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      if (!opened) {
        this.failures += 1;
      }
      this.retry();
    });
  }

  async retry() {
    if (this.stopped) {
      return;
    }
    this.handlers.onState('retrying');
    if (this.failures >= 3 && this.failures % 3 === 0 && this.handlers.onRepeatedFailure) {
      const keepTrying = await this.handlers.onRepeatedFailure();
      if (!keepTrying) {
        this.stop();
        return;
      }
    }
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(this.failures, 4));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Reconnects now (e.g. the browser came back online). */
  kick() {
    if (!this.stopped && !this.socket) {
      clearTimeout(this.timer);
      this.connect();
    }
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close();
    }
  }
}
