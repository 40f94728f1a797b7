// The exam screen of the terminal: the view (paper, navigator, dialogs) and the timers and requests
// that drive it. The protocol's rules live in DOM-free modules, tested on their own
// (test/terminal-modules.html): answers and their seqs (terminal/answer-state.js), what autosave
// replies and refusals mean (terminal/autosave.js), the clock (terminal/clock.js) and the signal
// throttle (terminal/signals.js).
//
// Answers. Every change gets the next per-candidate sequence number, is written to the durable
// outbox (queue.js) and only then sent. One request is in flight at a time, so steps reach
// the server in seq order; changes made meanwhile go together in the next request.
//
// Clock. Synchronised from the paper and from each heartbeat (every 5 s).

import * as i18n from '../lib/i18n.js';
import { h, byId } from '../lib/dom.js';
import { closeModal, openModal } from '../lib/dialog.js';
import * as api from './api.js';
import { openOutbox } from './queue.js';
import { AnswerState, chosen } from './answer-state.js';
import { MAX_STEPS, nextBackoff, readReply, refusal, requestBody } from './autosave.js';
import { ExamClock, announcement, formatClock, urgency } from './clock.js';
import { SignalThrottle } from './signals.js';

const HEARTBEAT_MS = 5000;
const KEY_PREFIX = 'examhall.terminal.';

function local(key, value) {
  try {
    if (value === undefined) {
      return localStorage.getItem(KEY_PREFIX + key);
    }
    if (value === null) {
      localStorage.removeItem(KEY_PREFIX + key);
    } else {
      localStorage.setItem(KEY_PREFIX + key, value);
    }
  } catch (e) {
    // storage disabled: the value lasts for this page only
  }
  return null;
}

function formatPoints(value) {
  const n = Number(value);
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : String(value ?? '');
}

/** Whether an image reference can be shown as is: a same-origin path or an inline picture. */
function displayableImage(ref) {
  return typeof ref === 'string' && (/^\/(?!\/)/.test(ref) || /^data:image\/(png|jpeg|gif|webp);base64,/.test(ref));
}

export class Exam {
  /**
   * @param host callbacks into the page: fetchPaper() → Promise of a paper response (rejects with
   *             an ApiError), submitted(info) once the sitting is handed in ({answered, reason,
   *             score?, total?, passed?}), tokenInvalid(), candidateLine(), requestFullscreen()
   */
  constructor(host) {
    this.host = host;
    this.active = false;
    this.sittingId = null;
    this.items = [];
    this.byNumber = new Map();
    this.sections = [];
    this.answers = new AnswerState();
    this.marks = new Set();
    this.current = 0;
    this.status = 'ANSWERING';
    this.clock = new ExamClock();
    this.link = 'up';
    this.sending = false;
    this.blocked = false;
    this.batchLimit = MAX_STEPS;
    this.backoffMs = 0;
    this.retryTimer = null;
    this.heartbeatTimer = null;
    this.tickTimer = null;
    this.refreshTimer = null;
    this.lastShownSecond = null;
    this.announced = new Set();
    this.pendingSignals = new Set();
    this.signalThrottle = new SignalThrottle();
    this.submitting = false;
    this.timeUp = false;
    this.navButtons = new Map();
    this.wasFullscreen = false;
    this.bound = false;
  }

  // ---- lifecycle ----

  /** Shows the paper; sittingId names the local state (outbox, marks, current question). */
  async start(sittingId, response) {
    this.stop();
    if (this.sittingId !== sittingId) {
      this.answers.reset();
      this.announced = new Set();
      this.pendingSignals = new Set();
    }
    this.status = 'ANSWERING';
    this.blocked = false;
    this.timeUp = false;
    this.submitting = false;
    this.sending = false;
    this.link = 'up';
    this.backoffMs = 0;
    this.batchLimit = MAX_STEPS;
    this.sittingId = sittingId;
    this.outbox = await openOutbox(sittingId);
    this.outbox.onChange(() => this.renderConnection());
    this.buildPaper(response.paper);
    this.marks = new Set(JSON.parse(local(`marks.${sittingId}`) || '[]').filter((n) => this.byNumber.has(n)));
    const saved = Number.parseInt(local(`current.${sittingId}`) || '', 10);
    const index = this.items.findIndex((item) => item.number === saved);
    this.current = index >= 0 ? index : 0;
    this.merge(response);
    this.syncClock(response);
    this.bindOnce();
    this.active = true;
    const reloaded = local(`active.${sittingId}`) === '1';
    try {
      JSON.parse(local(`signals.${sittingId}`) || '[]').forEach((kind) => this.pendingSignals.add(kind));
    } catch (e) {
      // nothing kept
    }
    local(`active.${sittingId}`, '1');
    this.renderAll();
    this.applyStatus(response);
    if (!this.active) {
      return;
    }
    this.heartbeatTimer = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.tickTimer = setInterval(() => this.tick(), 250);
    if (reloaded) {
      this.signal('RELOAD');
    } else {
      this.flushSignals();
    }
    this.pump();
  }

  stop() {
    this.active = false;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.tickTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.refreshTimer);
    this.heartbeatTimer = null;
    this.tickTimer = null;
    closeModal(byId('submit-dialog'));
  }

  /** Called when the sitting is handed in: clears what only mattered during the exam. */
  finish() {
    const lost = this.outbox ? this.outbox.size : 0;
    this.stop();
    if (this.outbox) {
      this.outbox.discard();
    }
    ['marks', 'current', 'active', 'signals'].forEach((key) => local(`${key}.${this.sittingId}`, null));
    return lost;
  }

  buildPaper(paper) {
    this.paper = paper;
    this.items = [];
    this.sections = (paper.sections || []).map((section, sectionIndex) => {
      const items = (section.items || []).map((item) => ({ ...item, sectionIndex, pointsEach: section.pointsEach }));
      this.items.push(...items);
      return { ...section, items };
    });
    this.byNumber = new Map(this.items.map((item, index) => [item.number, index]));
  }

  /** Server answers as of lastSeq, overridden by local steps of higher seq (pending or just made). */
  merge(response) {
    this.answers.merge(response, this.outbox ? this.outbox.all() : []);
  }

  /** A newer paper response (after a pause, a refused autosave, a resync). */
  refresh(response) {
    if (Exam.isHandedIn(response)) {
      this.applyStatus(response);
      return;
    }
    this.merge(response);
    this.syncClock(response);
    this.renderAll();
    this.applyStatus(response);
  }

  /** What the done screen shows for a paper response of a handed-in sitting. */
  static isHandedIn(response) {
    return response.status === 'SUBMITTED' || response.status === 'VOIDED';
  }

  /** The closing screen from what the server still tells a handed-in sitting (never its paper or answers). */
  static handedIn(response) {
    const info = { answered: response.answered || 0, reason: response.submitReason };
    if (typeof response.score === 'number') {
      info.score = response.score;
      info.passed = response.passed;
      info.total = response.totalPoints;
    }
    return info;
  }

  // ---- answering ----

  item() {
    return this.items[this.current];
  }

  labelsOf(number) {
    return this.answers.labelsOf(number);
  }

  answered(number) {
    return this.answers.answered(number);
  }

  canAnswer() {
    return this.active && this.status === 'ANSWERING' && !this.submitting && !this.timeUp;
  }

  choose(label) {
    const item = this.item();
    if (!item || !this.canAnswer()) {
      return;
    }
    const before = this.labelsOf(item.number);
    const next = chosen(item, before, label);
    if (next !== null) {
      this.change(item.number, next, before);
    }
  }

  clear() {
    const item = this.item();
    if (item && this.canAnswer()) {
      this.change(item.number, '', this.labelsOf(item.number));
    }
  }

  change(number, labels, before) {
    if (labels === before) {
      return;
    }
    const seq = this.outbox.allocate(this.answers.serverLastSeq);
    this.answers.set(number, labels, seq);
    this.renderQuestion();
    this.renderNavItem(number);
    this.renderCounts();
    this.outbox.add(number, labels, seq).then(() => this.pump());
  }

  go(index, focus = false) {
    if (index < 0 || index >= this.items.length) {
      return;
    }
    this.current = index;
    local(`current.${this.sittingId}`, String(this.item().number));
    this.renderQuestion();
    this.navButtons.forEach((button, number) => {
      const isCurrent = number === this.item().number;
      button.classList.toggle('current', isCurrent);
      if (isCurrent) {
        button.setAttribute('aria-current', 'step');
      } else {
        button.removeAttribute('aria-current');
      }
    });
    this.navButtons.get(this.item().number)?.scrollIntoView({ block: 'nearest' });
    if (focus) {
      byId('question-heading').focus({ preventScroll: true });
    }
  }

  toggleMark() {
    const number = this.item()?.number;
    if (number === undefined) {
      return;
    }
    if (this.marks.has(number)) {
      this.marks.delete(number);
    } else {
      this.marks.add(number);
    }
    local(`marks.${this.sittingId}`, JSON.stringify([...this.marks].sort((a, b) => a - b)));
    this.renderQuestion();
    this.renderNavItem(number);
    this.renderCounts();
  }

  // ---- autosave ----

  /** Sends the next batch of durable steps unless a request is in flight or sending is on hold. */
  async pump() {
    if (!this.active || this.sending || this.blocked || !this.outbox) {
      this.renderConnection();
      return;
    }
    const batch = this.outbox.sendable(this.batchLimit);
    if (!batch.length) {
      this.renderConnection();
      return;
    }
    clearTimeout(this.retryTimer);
    this.sending = true;
    this.renderConnection();
    let again = false;
    try {
      const reply = await api.call('POST', '/api/exam/answers', requestBody(batch));
      const { acknowledged, resync } = readReply(reply, this.answers.paperLastSeq);
      acknowledged.forEach((seq) => this.answers.acknowledged(seq));
      this.outbox.acknowledge(acknowledged);
      this.setLink('up');
      this.backoffMs = 0;
      this.batchLimit = MAX_STEPS;
      again = true;
      if (resync) {
        this.resync();
      }
    } catch (error) {
      again = this.failed(error, batch);
    } finally {
      this.sending = false;
      this.renderConnection();
    }
    if (again) {
      this.pump();
    }
  }

  /** @return whether to try the next batch at once */
  failed(error, batch) {
    if (api.transient(error)) {
      this.setLink(error.status === 0 ? 'down' : 'error');
      this.retryLater();
      return false;
    }
    switch (refusal(error, batch.length)) {
      case 'hold': {
        // Paused, handed in, time up, or moved: hold sending and ask the server what happened.
        // Refused again right after the server said "answering" (clocks a little apart at the
        // deadline): ask again after a pause rather than at once.
        this.blocked = true;
        const now = Date.now();
        const soon = now - (this.lastRefusalAt || 0) < 3000;
        this.lastRefusalAt = now;
        clearTimeout(this.refreshTimer);
        this.refreshTimer = setTimeout(() => this.reloadPaper(), soon ? 2000 : 0);
        return false;
      }
      case 'token':
        this.host.tokenInvalid();
        return false;
      case 'split':
        this.batchLimit = 1;
        return true;
      case 'drop':
        console.error('answer step refused by the server', batch[0], error.code);
        this.outbox.acknowledge([batch[0].seq]);
        this.answers.dropStep(batch[0]);
        this.resync();
        return true;
      default:
        this.retryLater();
        return false;
    }
  }

  retryLater() {
    clearTimeout(this.retryTimer);
    this.backoffMs = nextBackoff(this.backoffMs);
    this.retryTimer = setTimeout(() => this.pump(), this.backoffMs);
  }

  /** The network is back (browser event or a successful call): send at once. */
  reconnected() {
    this.backoffMs = 0;
    this.pump();
    this.flushSignals();
  }

  setLink(state) {
    const was = this.link;
    this.link = state;
    if (was === 'up' && state === 'down') {
      this.signal('OFFLINE');
    }
    if (was !== 'up' && state === 'up') {
      this.reconnected();
    }
    this.renderConnection();
  }

  async resync() {
    try {
      const response = await this.host.fetchPaper();
      if (this.active) {
        this.refresh(response);
      }
    } catch (e) {
      // the next refusal or heartbeat brings the sheet again
    }
  }

  /** After a refused autosave or a status change: the paper response says what the sitting is doing now. */
  async reloadPaper() {
    clearTimeout(this.refreshTimer);
    try {
      const response = await this.host.fetchPaper();
      if (!this.active) {
        return;
      }
      this.refresh(response);
    } catch (error) {
      if (!this.active) {
        return;
      }
      if (error.code === 'CANDIDATE_TOKEN_INVALID') {
        this.host.tokenInvalid();
        return;
      }
      if (api.transient(error)) {
        this.setLink(error.status === 0 ? 'down' : 'error');
      }
      this.refreshTimer = setTimeout(() => this.reloadPaper(), 2000);
    }
  }

  /** Reacts to the sitting's status in a paper response. */
  applyStatus(response) {
    const status = response.status;
    const previous = this.status;
    this.status = status;
    if (Exam.isHandedIn(response)) {
      const info = Exam.handedIn(response);
      if (this.timeUp) {
        info.reason = 'DEADLINE';
      }
      this.host.submitted(info);
      return;
    }
    byId('paused-overlay').hidden = status !== 'PAUSED';
    if (status === 'ANSWERING') {
      if (this.remaining() <= 0) {
        this.reachedDeadline();
      } else {
        this.timeUp = false;
        this.blocked = false;
        this.pump();
      }
    } else {
      // PAUSED: nothing is accepted; the heartbeat tells us when it resumes.
      this.blocked = true;
    }
    if (previous !== status) {
      this.renderQuestion();
      this.renderConnection();
    }
  }

  // ---- heartbeat and clock ----

  async beat() {
    if (!this.active) {
      return;
    }
    try {
      const beat = await api.call('POST', '/api/exam/heartbeat', {});
      if (!this.active) {
        return;
      }
      this.setLink('up');
      this.syncClock(beat);
      this.showWarning(beat.warning);
      if (beat.status !== this.status) {
        // Resumed, paused or handed in by the server: read the paper state again.
        this.reloadPaper();
      }
    } catch (error) {
      if (!this.active) {
        return;
      }
      if (error.code === 'CANDIDATE_TOKEN_INVALID') {
        this.host.tokenInvalid();
      } else if (api.transient(error)) {
        this.setLink(error.status === 0 ? 'down' : 'error');
      }
    }
  }

  syncClock(response) {
    this.clock.sync(response);
    this.tick();
  }

  remaining() {
    return this.clock.remaining(this.status);
  }

  tick() {
    if (!this.active) {
      return;
    }
    const left = this.remaining();
    const second = Math.ceil(left / 1000);
    if (second !== this.lastShownSecond && !this.timeUp) {
      this.lastShownSecond = second;
      const clock = byId('countdown');
      clock.textContent = formatClock(left);
      const level = urgency(left);
      clock.classList.toggle('low', level === 'low');
      clock.classList.toggle('critical', level === 'critical');
      if (announcement(left, this.announced) !== null) {
        byId('time-announcer').textContent = `${i18n.t('term.exam.remaining')} ${formatClock(left)}`;
      }
    }
    if (left <= 0 && this.status === 'ANSWERING' && !this.timeUp) {
      this.reachedDeadline();
    }
  }

  /** Time is up by the server's clock: no more changes; the server hands the paper in. */
  reachedDeadline() {
    this.timeUp = true;
    byId('countdown').textContent = i18n.t('term.exam.timeUp');
    this.renderQuestion();
    this.pump();
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.reloadPaper(), 2500);
  }

  showWarning(text) {
    if (!text) {
      return;
    }
    const seen = local(`warning.${this.sittingId}`);
    if (seen === text) {
      return;
    }
    const dialog = byId('warning-dialog');
    this.warningShown = text;
    byId('warning-text').textContent = text;
    if (openModal(dialog)) {
      byId('warning-ok').focus();
    }
  }

  // ---- kiosk signals ----

  /** Reports a kiosk signal; while offline it waits (across a reload too) until the link is back. */
  signal(kind) {
    if (!this.signalThrottle.admit(kind)) {
      return;
    }
    this.pendingSignals.add(kind);
    this.saveSignals();
    this.flushSignals();
  }

  saveSignals() {
    local(`signals.${this.sittingId}`, this.pendingSignals.size ? JSON.stringify([...this.pendingSignals]) : null);
  }

  async flushSignals() {
    if (!this.active || this.link !== 'up' || this.flushingSignals) {
      return;
    }
    this.flushingSignals = true;
    try {
      for (const kind of [...this.pendingSignals]) {
        try {
          await api.call('POST', '/api/exam/signals', { kind });
          this.pendingSignals.delete(kind);
        } catch (error) {
          if (!api.transient(error)) {
            this.pendingSignals.delete(kind);
          } else {
            break;
          }
        }
      }
    } finally {
      this.flushingSignals = false;
      this.saveSignals();
    }
  }

  bindOnce() {
    if (this.bound) {
      return;
    }
    this.bound = true;
    byId('prev-button').addEventListener('click', () => this.go(this.current - 1));
    byId('next-button').addEventListener('click', () => this.go(this.current + 1));
    byId('mark-button').addEventListener('click', () => this.toggleMark());
    byId('clear-button').addEventListener('click', () => this.clear());
    byId('submit-button').addEventListener('click', () => this.openSubmit());
    byId('submit-cancel').addEventListener('click', () => byId('submit-dialog').close());
    byId('submit-confirm').addEventListener('click', () => this.submit());
    byId('fullscreen-banner').addEventListener('click', () => this.host.requestFullscreen());
    byId('warning-dialog').addEventListener('close', () => {
      if (this.warningShown && this.sittingId !== null) {
        local(`warning.${this.sittingId}`, this.warningShown);
      }
    });

    document.addEventListener('keydown', (event) => this.key(event));
    const block = (kind) => (event) => {
      if (!this.active) {
        return;
      }
      event.preventDefault();
      this.signal(kind);
    };
    document.addEventListener('copy', block('COPY_ATTEMPT'));
    document.addEventListener('cut', block('COPY_ATTEMPT'));
    document.addEventListener('paste', block('PASTE_ATTEMPT'));
    document.addEventListener('contextmenu', block('CONTEXT_MENU'));
    document.addEventListener('dragstart', (event) => {
      if (this.active) {
        event.preventDefault();
      }
    });
    window.addEventListener('blur', () => {
      if (this.active) {
        this.signal('FOCUS_LOST');
      }
    });
    document.addEventListener('visibilitychange', () => {
      if (this.active && document.visibilityState === 'hidden') {
        this.signal('FOCUS_LOST');
      }
    });
    document.addEventListener('fullscreenchange', () => {
      const inFullscreen = Boolean(document.fullscreenElement);
      if (this.active && this.wasFullscreen && !inFullscreen) {
        this.signal('FULLSCREEN_EXIT');
      }
      this.wasFullscreen = inFullscreen;
      this.renderFullscreenBanner();
    });
    window.addEventListener('online', () => {
      if (this.active) {
        this.setLink('up');
        this.beat();
      }
    });
    window.addEventListener('offline', () => {
      if (this.active) {
        this.setLink('down');
      }
    });
    i18n.onChange(() => {
      if (this.active) {
        this.renderAll();
      }
    });
  }

  key(event) {
    if (!this.active || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (byId('submit-dialog').open || byId('warning-dialog').open) {
      return;
    }
    const target = event.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) {
      return;
    }
    if (event.key === 'ArrowLeft') {
      event.preventDefault();
      this.go(this.current - 1, true);
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      this.go(this.current + 1, true);
    } else if (/^[a-fA-F]$/.test(event.key)) {
      event.preventDefault();
      this.choose(event.key.toUpperCase());
    }
  }

  // ---- submit ----

  openSubmit() {
    if (!this.active || this.status !== 'ANSWERING') {
      return;
    }
    const unanswered = this.items.filter((item) => !this.answered(item.number)).map((item) => item.number);
    const marked = [...this.marks].sort((a, b) => a - b);
    byId('submit-all').hidden = unanswered.length > 0;
    byId('submit-all').textContent = i18n.t('term.submit.allAnswered', { total: this.items.length });
    byId('submit-unanswered-box').hidden = unanswered.length === 0;
    byId('submit-unanswered-text').textContent = i18n.t('term.submit.unanswered', { count: unanswered.length });
    byId('submit-unanswered').textContent = unanswered.join(i18n.mark('、'));
    byId('submit-marked-box').hidden = marked.length === 0;
    byId('submit-marked-text').textContent = i18n.t('term.submit.marked', { count: marked.length });
    byId('submit-marked').textContent = marked.join(i18n.mark('、'));
    byId('submit-error').hidden = true;
    this.renderSubmitPending();
    const confirm = byId('submit-confirm');
    confirm.disabled = false;
    confirm.textContent = i18n.t('term.submit.confirm');
    byId('submit-dialog').showModal();
    byId('submit-cancel').focus();
  }

  renderSubmitPending() {
    const pending = this.outbox ? this.outbox.size : 0;
    const box = byId('submit-pending');
    box.hidden = pending === 0 || this.link === 'up';
    box.textContent = i18n.t('term.submit.pending', { pending });
  }

  /** Waits until every local step is acknowledged; false when that did not happen in time. */
  async drain(timeoutMs) {
    const until = performance.now() + timeoutMs;
    while (this.outbox.size > 0 && performance.now() < until) {
      if (this.link !== 'up' && !this.sending) {
        this.backoffMs = 0;
      }
      this.pump();
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (!this.active || this.blocked) {
        return this.outbox.size === 0;
      }
    }
    return this.outbox.size === 0;
  }

  async submit() {
    if (this.submitting) {
      return;
    }
    const confirm = byId('submit-confirm');
    const error = byId('submit-error');
    this.submitting = true;
    confirm.disabled = true;
    error.hidden = true;
    this.renderQuestion();
    try {
      if (this.outbox.size > 0) {
        confirm.textContent = i18n.t('term.submit.saving');
        if (!(await this.drain(15000))) {
          this.renderSubmitPending();
          byId('submit-pending').hidden = false;
          return;
        }
      }
      confirm.textContent = i18n.t('term.submit.busy');
      const result = await api.call('POST', '/api/exam/submit', {});
      byId('submit-dialog').close();
      this.host.submitted(result);
    } catch (failure) {
      if (failure.code === 'SITTING_NOT_ANSWERING') {
        byId('submit-dialog').close();
        this.reloadPaper();
      } else if (failure.code === 'CANDIDATE_TOKEN_INVALID') {
        byId('submit-dialog').close();
        this.host.tokenInvalid();
      } else {
        error.textContent = failure.localizedMessage ? failure.localizedMessage() : String(failure);
        error.hidden = false;
      }
    } finally {
      this.submitting = false;
      confirm.disabled = false;
      confirm.textContent = i18n.t('term.submit.confirm');
      if (this.active) {
        this.renderQuestion();
      }
    }
  }

  // ---- rendering ----

  renderAll() {
    byId('exam-title').textContent = this.paper?.title || '';
    byId('exam-candidate').textContent = this.host.candidateLine();
    this.renderNavigator();
    this.renderQuestion();
    this.renderCounts();
    this.renderConnection();
    this.renderFullscreenBanner();
    this.lastShownSecond = null;
    this.tick();
    if (byId('submit-dialog').open) {
      this.renderSubmitPending();
    }
  }

  renderFullscreenBanner() {
    byId('fullscreen-banner').hidden = !this.active || Boolean(document.fullscreenElement)
      || !document.fullscreenEnabled;
  }

  renderQuestion() {
    const item = this.item();
    if (!item) {
      return;
    }
    const section = this.sections[item.sectionIndex];
    byId('question-heading').textContent = i18n.t('term.exam.question', { n: item.number });
    byId('question-of').textContent = i18n.t('term.exam.of', { total: this.items.length });
    const typeName = i18n.t(`term.type.${item.type}`);
    byId('question-type').textContent = section && section.pointsEach !== undefined
      ? `${typeName} · ${i18n.t('term.exam.points', { points: formatPoints(section.pointsEach) })}` : typeName;
    byId('question-marked').hidden = !this.marks.has(item.number);
    if (this.shownNumber !== item.number) {
      this.shownNumber = item.number;
      byId('question-scroll').scrollTop = 0;
    }
    byId('question-stem').textContent = item.stem;
    const image = byId('question-image');
    image.replaceChildren();
    if (item.imageRef) {
      image.append(displayableImage(item.imageRef)
        ? h('img', { class: 'question-img', src: item.imageRef, alt: '' })
        : h('p', { class: 'muted', text: i18n.t('term.exam.image', { ref: item.imageRef }) }));
    }
    const multiple = item.type === 'MULTIPLE_CHOICE';
    byId('question-hint').hidden = !multiple;
    const chosen = this.labelsOf(item.number);
    const enabled = this.canAnswer();
    const options = byId('options');
    // Re-rendering replaces the option buttons: keep the keyboard focus on the same option.
    const focused = options.contains(document.activeElement) ? document.activeElement.dataset.label : null;
    options.setAttribute('role', multiple ? 'group' : 'radiogroup');
    options.replaceChildren(...item.options.map((option) => h('button', {
      type: 'button',
      class: `option${chosen.includes(option.label) ? ' chosen' : ''}${multiple ? ' multiple' : ''}`,
      role: multiple ? 'checkbox' : 'radio',
      'aria-checked': String(chosen.includes(option.label)),
      'aria-disabled': enabled ? null : 'true',
      'aria-label': `${option.label}. ${option.text}`,
      dataset: { label: option.label },
      onclick: () => this.choose(option.label),
    }, h('span', { class: 'option-label', 'aria-hidden': 'true', text: option.label }),
    h('span', { class: 'option-text', text: option.text }))));
    if (focused) {
      options.querySelector(`button[data-label="${focused}"]`)?.focus();
    }
    byId('prev-button').disabled = this.current === 0;
    byId('next-button').disabled = this.current === this.items.length - 1;
    const mark = byId('mark-button');
    mark.setAttribute('aria-pressed', String(this.marks.has(item.number)));
    byId('mark-text').textContent = i18n.t(this.marks.has(item.number) ? 'term.exam.unmark' : 'term.exam.mark');
    byId('clear-button').disabled = !enabled || chosen === '';
    byId('submit-button').disabled = this.status !== 'ANSWERING' || this.timeUp;
  }

  renderNavigator() {
    const nav = byId('navigator');
    this.navButtons = new Map();
    nav.replaceChildren(...this.sections.map((section, index) => {
      const headingId = `nav-section-${index}`;
      const typeName = i18n.lang() === 'zh' && section.title ? section.title : i18n.t(`term.type.${section.type}`);
      return h('section', { class: 'nav-section', 'aria-labelledby': headingId },
        h('h3', { id: headingId, class: 'nav-section-title', text: i18n.paren(typeName, section.items.length) }),
        h('div', { class: 'nav-grid' }, section.items.map((item) => {
          const button = h('button', {
            type: 'button',
            class: 'nav-item',
            dataset: { item: String(item.number) },
            onclick: () => this.go(this.byNumber.get(item.number)),
          }, String(item.number));
          this.navButtons.set(item.number, button);
          return button;
        })));
    }));
    this.items.forEach((item) => this.renderNavItem(item.number));
  }

  renderNavItem(number) {
    const button = this.navButtons.get(number);
    if (!button) {
      return;
    }
    const answered = this.answered(number);
    const marked = this.marks.has(number);
    const isCurrent = this.item()?.number === number;
    button.classList.toggle('answered', answered);
    button.classList.toggle('marked', marked);
    button.classList.toggle('current', isCurrent);
    button.dataset.answered = String(answered);
    button.dataset.marked = String(marked);
    if (isCurrent) {
      button.setAttribute('aria-current', 'step');
    } else {
      button.removeAttribute('aria-current');
    }
    const parts = [i18n.t('term.exam.navItem', { n: number }),
      i18n.t(answered ? 'term.exam.navAnswered' : 'term.exam.navUnanswered')];
    if (marked) {
      parts.push(i18n.t('term.exam.navMarked'));
    }
    button.setAttribute('aria-label', parts.join(i18n.mark('，')));
  }

  renderCounts() {
    const answered = this.items.filter((item) => this.answered(item.number)).length;
    byId('count-answered').textContent = String(answered);
    byId('count-unanswered').textContent = String(this.items.length - answered);
    byId('count-marked').textContent = String(this.marks.size);
  }

  renderConnection() {
    if (!this.outbox) {
      return;
    }
    const pending = this.outbox.size;
    let state;
    let text;
    if (this.link === 'down') {
      state = 'offline';
      text = pending ? i18n.t('term.conn.offline', { pending }) : i18n.t('term.conn.offlineNone');
    } else if (this.link === 'error') {
      state = 'offline';
      text = i18n.t('term.conn.retrying', { pending });
    } else if (pending > 0) {
      state = 'saving';
      text = i18n.t('term.conn.saving', { pending });
    } else {
      state = 'online';
      text = i18n.t('term.conn.online');
    }
    const box = byId('conn-status');
    box.dataset.state = state;
    box.dataset.pending = String(pending);
    byId('conn-text').textContent = text;
    if (byId('submit-dialog').open) {
      this.renderSubmitPending();
    }
  }
}
