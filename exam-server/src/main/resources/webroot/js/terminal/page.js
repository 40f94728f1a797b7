// The candidate's exam-room terminal (terminal.html): enrolment of the machine, waiting for the
// candidate bound at check-in, confirmation with the admission ticket number, waiting for the start,
// the exam itself (exam.js) and the hand-in.
//
// Stored on the machine: the terminal credential (localStorage, for good), the candidate token
// (sessionStorage + localStorage, until the next candidate), the sitting it belongs to, and per
// sitting the answer outbox, marks, current question and sequence counter.

import * as i18n from '../lib/i18n.js';
import { ApiError } from '../lib/api.js';
import { byId } from '../lib/dom.js';
import * as api from './api.js';
import { Exam } from './exam.js';
import { TERMINAL_DICT } from './i18n.js';

i18n.extend(TERMINAL_DICT);

const POLL_MS = 3000;
const DONE_POLL_MS = 10000;
const LARGE_TEXT_KEY = 'examhall.terminal.largeText';
const SCREENS = ['connecting', 'enrol', 'idle', 'confirm', 'wait', 'exam', 'done'];

const page = {
  screen: null,
  terminal: null,
  candidate: null,
  sitting: null,
  timer: null,
  exam: null,
  photo: { url: undefined, objectUrl: null },
  errors: {},
  messages: {},
  done: null,
  tokenFromStorage: false,
};

// ---- helpers ----

function asApiError(error) {
  return error instanceof ApiError ? error
    : new ApiError(0, 'CLIENT_ERROR', { zh: String(error), en: String(error) }, null);
}

function show(screen) {
  page.screen = screen;
  document.body.dataset.screen = screen;
  SCREENS.forEach((name) => {
    byId(`screen-${name}`).hidden = name !== screen;
  });
}

function schedule(fn, ms) {
  clearTimeout(page.timer);
  page.timer = setTimeout(fn, ms);
}

/** Shows (or clears) an error in an element; kept so a language switch re-renders it. */
function setError(id, error) {
  page.errors[id] = error;
  renderError(id);
}

function renderError(id) {
  const box = byId(id);
  const error = page.errors[id];
  box.hidden = !error;
  box.textContent = !error ? '' : error.key ? i18n.t(error.key, error.params) : error.localizedMessage();
}

function setMessage(id, key, params) {
  page.messages[id] = key ? { key, params } : null;
  renderMessage(id);
}

function renderMessage(id) {
  const box = byId(id);
  const message = page.messages[id];
  box.hidden = !message;
  box.textContent = message ? i18n.t(message.key, message.params) : '';
}

function setBusy(button, busy, idleKey, busyKey) {
  button.disabled = busy;
  button.dataset.i18n = busy ? busyKey : idleKey;
  button.textContent = i18n.t(button.dataset.i18n);
}

function renderSeat() {
  const seat = page.terminal?.seatNo;
  byId('seat-badge').hidden = seat === undefined;
  const text = seat === undefined ? '' : i18n.t('term.seatNo', { seat });
  byId('seat-number').textContent = text;
  byId('idle-seat').textContent = text;
  byId('candidate-seat').textContent = text;
}

function candidateLine() {
  const name = page.sitting?.fullName || page.candidate?.fullName || '';
  const seat = page.terminal ? i18n.t('term.seatNo', { seat: page.terminal.seatNo }) : '';
  return [name, seat ? `${i18n.t('term.seat')} ${seat}` : ''].filter(Boolean).join(' · ');
}

/**
 * Shows the candidate's photo. The state poll names it by a versioned URL; each version is fetched
 * once (then from the browser's cache), and a failed fetch is tried again on the next poll.
 */
async function showPhoto(url) {
  if (page.photo.url === url) {
    return;
  }
  page.photo.url = url;
  const blob = url ? await api.image(url).catch(() => null) : null;
  if (page.photo.url !== url) {
    return;
  }
  if (url && !blob) {
    page.photo.url = undefined;
  }
  if (page.photo.objectUrl) {
    URL.revokeObjectURL(page.photo.objectUrl);
  }
  page.photo.objectUrl = blob ? URL.createObjectURL(blob) : null;
  const photo = byId('candidate-photo');
  photo.hidden = !blob;
  byId('candidate-no-photo').hidden = Boolean(blob);
  if (blob) {
    photo.src = page.photo.objectUrl;
  } else {
    photo.removeAttribute('src');
  }
}

// ---- full screen and large text ----

function requestFullscreen() {
  const root = document.documentElement;
  if (!document.fullscreenElement && root.requestFullscreen) {
    root.requestFullscreen({ navigationUI: 'hide' }).catch(() => {});
  }
}

function renderFullscreenButton() {
  byId('fullscreen-button').hidden = Boolean(document.fullscreenElement) || !document.fullscreenEnabled;
}

function largeText() {
  try {
    return localStorage.getItem(LARGE_TEXT_KEY) === '1';
  } catch (e) {
    return false;
  }
}

function applyLargeText(on) {
  document.documentElement.classList.toggle('large-text', on);
  byId('font-button').setAttribute('aria-pressed', String(on));
  try {
    localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
  } catch (e) {
    // remembered for this page only
  }
}

// ---- the flow ----

/** Reads the terminal's state, retrying while the server cannot be reached. */
async function terminalState() {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.call('GET', '/api/terminal/state');
    } catch (error) {
      if (!api.transient(error)) {
        throw error;
      }
      if (page.screen !== 'exam' && page.screen !== 'done') {
        byId('connecting-text').textContent = i18n.t(attempt === 0 ? 'term.connecting' : 'term.retrying');
        if (page.screen !== 'idle' && page.screen !== 'confirm' && page.screen !== 'wait') {
          show('connecting');
        }
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

function showEnrol(errorKey) {
  clearTimeout(page.timer);
  page.terminal = null;
  renderSeat();
  setError('enrol-error', errorKey ? { key: errorKey } : null);
  show('enrol');
  byId('enrol-code').focus();
}

async function enrol(code) {
  const reply = await api.call('POST', '/api/terminal/enrol', { code });
  api.setCredential(reply.credential);
  api.forgetCandidate();
  return reply;
}

/** Where the terminal stands now: which screen, given its state and any candidate token it holds. */
async function resume() {
  clearTimeout(page.timer);
  if (!api.credential()) {
    showEnrol();
    return;
  }
  let state;
  try {
    state = await terminalState();
  } catch (error) {
    if (error.code === 'TERMINAL_CREDENTIAL_INVALID') {
      api.setCredential(null);
      api.forgetCandidate();
      showEnrol('term.enrol.lost');
      return;
    }
    // Refused for another reason (e.g. Safe Exam Browser required): say so, and try again later.
    byId('connecting-text').textContent = asApiError(error).localizedMessage();
    show('connecting');
    schedule(resume, 10000);
    return;
  }
  page.terminal = state.terminal;
  renderSeat();
  const candidate = state.candidate;
  const stored = api.storedSitting();
  if (!candidate) {
    api.forgetCandidate();
    showIdle();
    return;
  }
  if (api.candidateToken() && stored && stored.fullName === candidate.fullName) {
    page.candidate = candidate;
    page.sitting = stored;
    page.tokenFromStorage = true;
    openPaper();
    return;
  }
  api.forgetCandidate();
  showConfirm(candidate);
}

function showIdle() {
  page.candidate = null;
  if (page.screen !== 'idle') {
    show('idle');
  }
  schedule(pollState, POLL_MS);
}

function showConfirm(candidate) {
  const same = page.screen === 'confirm' && page.candidate?.fullName === candidate.fullName;
  page.candidate = candidate;
  showPhoto(candidate.photoUrl || null);
  if (!same) {
    byId('candidate-name').textContent = candidate.fullName;
    byId('candidate-exam').textContent = candidate.examTitle || '';
    byId('candidate-photo').alt = i18n.t('term.confirm.photoAlt');
    byId('ticket-no').value = '';
    setError('confirm-error', null);
  }
  if (page.screen !== 'confirm') {
    show('confirm');
    byId('ticket-no').focus();
  }
  schedule(pollState, POLL_MS);
}

/** While waiting for a candidate (or for the candidate to confirm): follow the seat's binding. */
async function pollState() {
  let state;
  try {
    state = await api.call('GET', '/api/terminal/state');
  } catch (error) {
    if (error.code === 'TERMINAL_CREDENTIAL_INVALID') {
      resume();
      return;
    }
    schedule(pollState, POLL_MS);
    return;
  }
  if (page.screen !== 'idle' && page.screen !== 'confirm') {
    return;
  }
  page.terminal = state.terminal;
  renderSeat();
  if (!state.candidate) {
    showIdle();
  } else {
    if (page.screen === 'idle') {
      setMessage('idle-message', null);
    }
    showConfirm(state.candidate);
  }
}

async function confirm(event) {
  event.preventDefault();
  const ticket = byId('ticket-no').value.trim();
  if (!ticket) {
    setError('confirm-error', { key: 'term.confirm.missing' });
    byId('ticket-no').focus();
    return;
  }
  const button = byId('confirm-button');
  setBusy(button, true, 'term.confirm.submit', 'term.confirm.busy');
  setError('confirm-error', null);
  try {
    const reply = await api.call('POST', '/api/terminal/confirm', { ticketNo: ticket });
    api.setCandidateToken(reply.candidateToken);
    page.tokenFromStorage = false;
    page.sitting = { sittingId: reply.sittingId, fullName: reply.fullName };
    api.setStoredSitting(page.sitting);
    byId('ticket-no').value = '';
    clearTimeout(page.timer);
    await openPaper();
  } catch (error) {
    const shown = asApiError(error);
    setError('confirm-error', shown);
    byId('ticket-no').select();
    if (shown.code === 'NO_CANDIDATE_AT_TERMINAL') {
      resume();
    }
  } finally {
    setBusy(button, false, 'term.confirm.submit', 'term.confirm.busy');
  }
}

/** Fetches the paper with the candidate token; the answer decides the screen. */
async function openPaper() {
  clearTimeout(page.timer);
  let response;
  try {
    response = await fetchPaper();
  } catch (error) {
    if (error.code === 'EXAM_NOT_STARTED') {
      showWait();
      schedule(openPaper, POLL_MS);
    } else if (error.code === 'CANDIDATE_TOKEN_INVALID') {
      tokenInvalid();
    } else if (api.transient(error)) {
      if (page.screen !== 'wait') {
        byId('connecting-text').textContent = i18n.t('term.retrying');
        show('connecting');
      }
      schedule(openPaper, POLL_MS);
    } else {
      api.forgetCandidate();
      resume();
    }
    return;
  }
  if (Exam.isHandedIn(response)) {
    if (page.tokenFromStorage && page.candidate && page.candidate.status !== 'SUBMITTED') {
      // A token of an earlier sitting (a namesake, a new session at this seat): confirm afresh.
      api.forgetCandidate();
      page.sitting = null;
      showConfirm(page.candidate);
      return;
    }
    showDone(Exam.handedIn(response), 0);
    return;
  }
  if (!page.exam) {
    page.exam = new Exam({
      fetchPaper,
      submitted,
      tokenInvalid,
      candidateLine,
      requestFullscreen,
    });
  }
  show('exam');
  await page.exam.start(page.sitting.sittingId, response);
}

/** GET /api/exam/paper; adopts the fresh candidate token it carries. */
async function fetchPaper() {
  const response = await api.call('GET', '/api/exam/paper');
  if (response.candidateToken) {
    api.setCandidateToken(response.candidateToken);
  }
  return response;
}

function showWait() {
  byId('wait-name').textContent = page.sitting?.fullName || page.candidate?.fullName || '';
  byId('wait-exam').textContent = page.candidate?.examTitle || '';
  if (page.screen !== 'wait') {
    show('wait');
  }
}

/** The token no longer works (the candidate was moved to another terminal, or the server forgot it). */
function tokenInvalid() {
  if (page.exam) {
    page.exam.stop();
  }
  api.forgetCandidate();
  page.sitting = null;
  setMessage('idle-message', 'term.moved');
  resume();
}

function submitted(info) {
  const lost = page.exam ? page.exam.finish() : 0;
  showDone(info || {}, lost);
}

function showDone(info, lost) {
  page.done = { info, lost };
  renderDone();
  if (page.screen !== 'done') {
    show('done');
  }
  schedule(pollDone, DONE_POLL_MS);
}

function renderDone() {
  if (!page.done) {
    return;
  }
  const { info, lost } = page.done;
  byId('done-name').textContent = candidateLine();
  const reasonKey = ['DEADLINE', 'PROCTOR', 'VOIDED'].includes(info.reason) ? `term.done.reason.${info.reason}` : 'term.done.text';
  byId('done-reason').textContent = i18n.t(reasonKey);
  byId('done-answered').textContent = typeof info.answered === 'number' ? i18n.t('term.done.answered', { answered: info.answered }) : '';
  const hasScore = typeof info.score === 'number';
  byId('done-score').hidden = !hasScore;
  if (hasScore) {
    const score = String(Math.round(info.score * 100) / 100);
    byId('done-score-text').textContent = info.total !== undefined && info.total !== null
      ? i18n.t('term.done.scoreOf', { score, total: String(Math.round(Number(info.total) * 100) / 100) })
      : i18n.t('term.done.score', { score });
    const passed = byId('done-passed');
    passed.hidden = typeof info.passed !== 'boolean';
    passed.textContent = info.passed ? i18n.t('term.done.passed') : i18n.t('term.done.failed');
    passed.classList.toggle('passed', info.passed === true);
    passed.classList.toggle('failed', info.passed === false);
  }
  byId('done-lost').hidden = !lost;
  byId('done-lost').textContent = lost ? i18n.t('term.done.lost', { count: lost }) : '';
}

/** After the hand-in: once the seat is free again (session closed, next candidate), start over. */
async function pollDone() {
  try {
    const state = await api.call('GET', '/api/terminal/state');
    const name = page.sitting?.fullName || page.candidate?.fullName;
    if (!state.candidate || state.candidate.fullName !== name || state.candidate.status !== 'SUBMITTED') {
      page.done = null;
      page.sitting = null;
      api.forgetCandidate();
      resume();
      return;
    }
  } catch (error) {
    // keep showing the result
  }
  if (page.screen === 'done') {
    schedule(pollDone, DONE_POLL_MS);
  }
}

// ---- start ----

async function start() {
  i18n.init();
  applyLargeText(largeText());
  renderFullscreenButton();
  byId('font-button').addEventListener('click', () => applyLargeText(!document.documentElement.classList.contains('large-text')));
  byId('fullscreen-button').addEventListener('click', requestFullscreen);
  document.addEventListener('fullscreenchange', renderFullscreenButton);
  byId('confirm-form').addEventListener('submit', confirm);
  byId('enrol-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = byId('enrol-code').value.trim();
    if (!code) {
      setError('enrol-error', { key: 'term.enrol.missing' });
      return;
    }
    const button = byId('enrol-button');
    setBusy(button, true, 'term.enrol.submit', 'term.enrol.busy');
    try {
      await enrol(code);
      byId('enrol-code').value = '';
      setError('enrol-error', null);
      await resume();
    } catch (error) {
      setError('enrol-error', asApiError(error));
    } finally {
      setBusy(button, false, 'term.enrol.submit', 'term.enrol.busy');
    }
  });
  i18n.onChange(() => {
    Object.keys(page.errors).forEach(renderError);
    Object.keys(page.messages).forEach(renderMessage);
    renderSeat();
    byId('candidate-photo').alt = i18n.t('term.confirm.photoAlt');
    renderDone();
  });

  // terminal.html?enrol=CODE: enrol at once (the demo prints such links); the code leaves the address.
  const params = new URLSearchParams(window.location.search);
  const code = params.get('enrol');
  if (code) {
    params.delete('enrol');
    const rest = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (rest ? `?${rest}` : ''));
    try {
      await enrol(code.trim());
    } catch (error) {
      // A spent code in a reloaded link is harmless while this machine is enrolled already.
      if (!api.credential()) {
        showEnrol();
        setError('enrol-error', asApiError(error));
        return;
      }
    }
  }
  await resume();
}

start();
