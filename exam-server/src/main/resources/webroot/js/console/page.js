// The proctor console: pick a session, watch its room grid live (WebSocket, reconnecting), read the
// alert feed, move the session on, and open a seat to act on its candidate. A bureau administrator
// may watch any session; only the session's proctors act on candidates.
import * as i18n from '../lib/i18n.js';
import { ApiError } from '../lib/api.js';
import {
  api, asApiError, boot, busy, byId, fmtAgo, fmtDuration, h, notice, rerenderNotices, t,
} from './common.js';
import { formatDateTime, formatTime } from '../lib/datetime.js';
import { loadOperationItems, operationItemName } from '../lib/operation-items.js';
import { CONSOLE_DICT } from './i18n.js';
import { LiveFeed } from './live.js';
import * as seatPanel from './seat.js';
import * as checkinDesk from './checkin.js';
import * as roomRecord from './record.js';
import * as monitor from './monitor.js';

const TICKING = ['ANSWERING', 'DISCONNECTED'];
const MAX_ALERTS = 200;
/* The server pushes check-in, proctor actions, hand-ins, alerts, session states, answer progress
 * (ProgressFeed) and terminals falling silent or heard again (PresenceWatch), so the console reads the
 * grid only when it opens a session, after its own actions, and from the feed on every (re)connection;
 * it never polls. The seat buttons carry data-source (where the last change came from) and
 * data-pushed-status (the status the last pushed row carried). */

const state = {
  me: null,
  sessions: [],
  /** the session chosen: shown in the drop-down from the moment it is chosen, before it has loaded */
  selectedId: null,
  session: null,
  /** sittingId → the seat row as the server last sent it */
  seats: new Map(),
  /** sittingId → { receivedAt, source: 'snapshot' | 'push' | 'action', json } */
  meta: new Map(),
  roomSeats: 0,
  alerts: [],
  live: null,
  liveState: 'idle',
  pendingTransition: null,
};

let sessionNotice;

// ---- sessions ----

function sessionLabel(session) {
  return `#${session.id} ${session.title || operationItemName(session.operationItem)} · ${session.roomName} · ${formatDateTime(session.startsAt)} · ${t(`state.${session.state}`)}`;
}

// The drop-down always names the session the page shows and acts on, also while it is still loading:
// a proctor must never read one session and start, close or sign another.
function renderSessionOptions() {
  const select = byId('session-select');
  select.replaceChildren(...state.sessions.map((s) => h('option', { value: s.id }, sessionLabel(s))));
  if (state.selectedId) {
    select.value = String(state.selectedId);
  }
}

function preferredSession() {
  const asked = Number(new URLSearchParams(window.location.search).get('session'));
  if (asked && state.sessions.some((s) => s.id === asked)) {
    return asked;
  }
  const order = ['RUNNING', 'CHECK_IN', 'SCHEDULED', 'CLOSED', 'SCORED'];
  const sorted = [...state.sessions].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state));
  return sorted.length ? sorted[0].id : null;
}

async function fetchSessions() {
  return (await api.get('/api/sessions')).sessions || [];
}

// Shows the list and, while no session is chosen yet, opens the one a proctor most likely wants.
async function showSessions(sessions) {
  state.sessions = sessions;
  renderSessionOptions();
  byId('no-session').hidden = sessions.length > 0;
  const first = state.selectedId ? null : preferredSession();
  if (first) {
    await selectSession(first);
  }
}

async function loadSessions() {
  await showSessions(await fetchSessions());
}

// A session the bureau schedules while a console is open appears in its drop-down within this time.
const SESSION_LIST_REFRESH_MS = 15000;

async function refreshSessionList() {
  let sessions;
  try {
    sessions = await fetchSessions();
  } catch (error) {
    return; // offline or signed out: the next round, or the page's own error handling, takes over
  }
  const key = (list) => list.map((s) => `${s.id}:${s.state}`).join(',');
  if (key(sessions) !== key(state.sessions)) {
    // Only when it changed: redrawing an unchanged list would close a drop-down the proctor has open.
    await showSessions(sessions);
  }
}

async function roomSeatCount(roomId) {
  try {
    const sites = (await api.get('/api/sites')).sites || [];
    for (const site of sites) {
      const room = (site.rooms || []).find((r) => r.id === roomId);
      if (room) {
        return Number(room.terminals) || 0;
      }
    }
  } catch (e) {
    // the grid still works from the candidates' seats
  }
  return 0;
}

let selecting = 0;

async function selectSession(id) {
  const mine = ++selecting;
  state.selectedId = id;
  byId('session-select').value = String(id);
  const stale = () => mine !== selecting;
  if (state.live) {
    state.live.stop();
    state.live = null;
  }
  seatPanel.close();
  checkinDesk.reset();
  roomRecord.reset();
  sessionNotice.clear();
  state.seats = new Map();
  state.meta = new Map();
  state.session = null;
  cells.clear();
  byId('session-view').hidden = true;
  let session;
  try {
    session = await api.get(`/api/sessions/${id}`);
  } catch (error) {
    if (!stale()) {
      sessionNotice.error(error);
    }
    return;
  }
  const seats = await roomSeatCount(session.roomId);
  if (stale()) {
    return;
  }
  state.session = session;
  state.roomSeats = seats;
  const url = new URL(window.location.href);
  url.searchParams.set('session', id);
  window.history.replaceState(null, '', url);
  state.alerts = await loadAlerts(id);
  if (stale()) {
    return;
  }
  await refreshGrid('snapshot');
  if (stale()) {
    return;
  }
  byId('session-view').hidden = false;
  render();
  monitor.open(id, state.me && state.me.role === 'PROCTOR');
  state.live = new LiveFeed(id, {
    onMessage: onLiveMessage,
    onState: (s) => {
      state.liveState = s;
      renderLiveStatus();
      if (s === 'open') {
        // The feed starts with the grid but not the session: a state change missed while away is read here.
        refreshSession().then(render);
      }
    },
    onRepeatedFailure: async () => {
      try {
        await api.get(`/api/sessions/${id}/grid`);
        return true;
      } catch (error) {
        const apiError = asApiError(error);
        if (apiError.status === 401 || apiError.status === 403 || apiError.status === 404) {
          sessionNotice.error(apiError);
          return false;
        }
        return true;
      }
    },
  });
  state.live.start();
}

function updateSessionInList(session) {
  const index = state.sessions.findIndex((s) => s.id === session.id);
  if (index >= 0) {
    state.sessions[index] = session;
  }
  renderSessionOptions();
}

// ---- grid data ----

function seatChanged(seat, source) {
  const json = JSON.stringify(seat);
  const previous = state.meta.get(seat.sittingId);
  state.seats.set(seat.sittingId, seat);
  const pushedStatus = source === 'push' ? seat.status : previous ? previous.pushedStatus : undefined;
  if (!previous || previous.json !== json) {
    state.meta.set(seat.sittingId, { receivedAt: Date.now(), source, json, pushedStatus });
  } else {
    // same row again: the clock values are fresh, the source of the last change stays
    previous.receivedAt = Date.now();
    previous.pushedStatus = pushedStatus;
  }
}

function applyGrid(seats, source) {
  const seen = new Set();
  seats.forEach((seat) => {
    seen.add(seat.sittingId);
    seatChanged(seat, source);
  });
  [...state.seats.keys()].filter((id) => !seen.has(id)).forEach((id) => {
    state.seats.delete(id);
    state.meta.delete(id);
  });
}

async function refreshGrid(source) {
  if (!state.session) {
    return;
  }
  const id = state.session.id;
  try {
    const grid = await api.get(`/api/sessions/${id}/grid`);
    if (state.session && state.session.id === id) {
      applyGrid(grid.seats || [], source);
    }
  } catch (error) {
    sessionNotice.error(error);
  }
}

async function refreshSession() {
  if (!state.session) {
    return;
  }
  try {
    const fresh = await api.get(`/api/sessions/${state.session.id}`);
    if (state.session && fresh.id === state.session.id) {
      const changed = fresh.state !== state.session.state;
      state.session = fresh;
      updateSessionInList(fresh);
      if (changed) {
        onSessionStateChanged();
      }
    }
  } catch (error) {
    // the live status shows a lost connection, and the next (re)connection reads the session again
  }
}

function onLiveMessage(message) {
  switch (message.type) {
    case 'grid':
      applyGrid(message.seats || [], 'snapshot');
      break;
    case 'seat':
      if (message.seat) {
        seatChanged(message.seat, 'push');
      }
      break;
    case 'alert':
      addAlert(message);
      if (message.kind === 'ANOMALY') {
        monitor.refresh();
      }
      break;
    case 'session':
      if (state.session && message.state && message.state !== state.session.state) {
        state.session = { ...state.session, state: message.state };
        updateSessionInList(state.session);
        onSessionStateChanged();
        refreshGrid('push').then(render);
      }
      break;
    default:
      return;
  }
  render();
}

function onSessionStateChanged() {
  checkinDesk.sessionChanged();
  roomRecord.sessionChanged();
}

// ---- alerts ----

function alertsKey(sessionId) {
  return `examhall.console.alerts.${sessionId}`;
}

function clearedKey(sessionId) {
  return `examhall.console.alerts-cleared.${sessionId}`;
}

function readStored(key, fallback) {
  try {
    return JSON.parse(sessionStorage.getItem(key) || 'null') ?? fallback;
  } catch (e) {
    return fallback;
  }
}

/**
 * Kiosk signals are kept by the server, so a console opened late (or on another machine) shows the
 * same history; camera anomalies have their own list and only their feed entries live in this tab.
 */
async function loadAlerts(sessionId) {
  const stored = readStored(alertsKey(sessionId), []);
  const anomalies = Array.isArray(stored) ? stored.filter((a) => a.kind === 'ANOMALY') : [];
  let signals = [];
  try {
    signals = (await api.get(`/api/sessions/${sessionId}/signals`)).signals || [];
  } catch (e) {
    // the feed still fills from the live socket
  }
  const cleared = readStored(clearedKey(sessionId), '');
  return [...signals, ...anomalies]
    .filter((a) => !cleared || a.at > cleared)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, MAX_ALERTS);
}

function saveAlerts() {
  try {
    sessionStorage.setItem(alertsKey(state.session.id), JSON.stringify(state.alerts.filter((a) => a.kind === 'ANOMALY')));
  } catch (e) {
    // storage full or disabled: the anomalies' feed entries last for this page only
  }
}

function clearAlerts() {
  try {
    sessionStorage.setItem(clearedKey(state.session.id), JSON.stringify(new Date().toISOString()));
  } catch (e) {
    // storage disabled: a reload shows the stored signals again
  }
  state.alerts = [];
  saveAlerts();
}

function addAlert(message) {
  if (!state.session) {
    return;
  }
  const signalId = message.detail && message.detail.signalId;
  if (signalId && state.alerts.some((a) => a.detail && a.detail.signalId === signalId)) {
    return;
  }
  state.alerts.unshift({
    kind: message.kind, sittingId: message.sittingId ?? null, at: message.at || new Date().toISOString(),
    detail: message.detail || {},
  });
  state.alerts.length = Math.min(state.alerts.length, MAX_ALERTS);
  saveAlerts();
}

function alertDetail(alert) {
  const detail = alert.detail || {};
  if (alert.kind === 'ANOMALY') {
    const parts = [t(`anomaly.${detail.kind}`)];
    if (typeof detail.confidence === 'number') {
      parts.push(t('alerts.confidence', { value: Math.round(detail.confidence * 100) }));
    }
    if (detail.details || detail.detail) {
      parts.push(i18n.pick(detail.details) || detail.detail);
    }
    return parts.join(' · ');
  }
  if (detail.terminalId) {
    return t('alerts.terminal', { id: detail.terminalId });
  }
  return '';
}

function renderAlerts() {
  const feed = byId('alert-feed');
  byId('alerts-empty').hidden = state.alerts.length > 0;
  feed.replaceChildren(...state.alerts.map((alert) => {
    const seat = alert.sittingId ? state.seats.get(alert.sittingId) : null;
    const who = seat ? t('alerts.who', { seat: seat.seatNo ?? '—', name: seat.fullName })
      : alert.sittingId ? `#${alert.sittingId}` : t('alerts.room');
    const serious = ['SECOND_LOGIN', 'ANOMALY'].includes(alert.kind);
    return h('li', { class: `alert-item${serious ? ' serious' : ''}`, dataset: { kind: alert.kind, sittingId: alert.sittingId } },
      h('time', { datetime: alert.at }, formatTime(alert.at)),
      h('span', { class: 'alert-kind' }, t(`alert.${alert.kind}`)),
      h('span', { class: 'alert-who' }, who),
      alertDetail(alert) ? h('span', { class: 'alert-detail' }, alertDetail(alert)) : null,
      seat ? h('button', { type: 'button', class: 'plain small', onclick: () => seatPanel.open(seat.sittingId) }, t('alerts.open')) : null);
  }));
}

// ---- rendering ----

export function remainingMs(seat) {
  if (seat.remainingMs === null || seat.remainingMs === undefined) {
    return null;
  }
  const meta = state.meta.get(seat.sittingId);
  const elapsed = TICKING.includes(seat.status) && meta ? Date.now() - meta.receivedAt : 0;
  return Math.max(0, seat.remainingMs - elapsed);
}

function seatCellContent(seat) {
  const items = seat.items || 0;
  const answered = seat.answered || 0;
  const left = remainingMs(seat);
  const badges = [];
  if (seat.doubtful) {
    badges.push(h('span', { class: 'badge doubtful', title: t('badge.doubtfulTitle') }, t('badge.doubtful')));
  }
  if (seat.flagged) {
    badges.push(h('span', { class: 'badge flagged', title: t('badge.flaggedTitle') }, t('badge.flagged')));
  }
  if (seat.signals > 0) {
    badges.push(h('span', { class: 'badge signals', title: t('badge.signalsTitle') }, t('badge.signals', { n: seat.signals })));
  }
  if (seat.faceFailures > 0 && seat.status === 'ABSENT') {
    badges.push(h('span', { class: 'badge face' }, t('badge.faceFailures', { n: seat.faceFailures })));
  }
  const meta = [];
  if (left !== null && !['SUBMITTED', 'VOIDED'].includes(seat.status)) {
    meta.push(h('span', { class: 'time-left' }, t('seat.timeLeft', { time: fmtDuration(left) })));
  }
  if (seat.submittedAt) {
    meta.push(h('span', { class: 'submitted-at' },
      t(seat.status === 'VOIDED' ? 'seat.voidedAt' : 'seat.submittedAt', { time: formatTime(seat.submittedAt) })));
  }
  // A connected terminal's time is not pushed at each beat, so only a silent one shows how long ago it was heard.
  if (seat.connected) {
    meta.push(h('span', { class: 'heartbeat' }, t('seat.heartbeatLive')));
  } else if (seat.lastHeartbeat) {
    meta.push(h('span', { class: 'heartbeat', title: formatTime(seat.lastHeartbeat) }, t('seat.heartbeat', { ago: fmtAgo(seat.lastHeartbeat) })));
  }
  return [
    h('span', { class: 'seat-top' },
      h('span', { class: 'seat-no' }, seat.seatNo ?? '—'),
      h('span', { class: 'seat-status' }, t(`status.${seat.status}`))),
    h('span', { class: 'seat-name' }, seat.fullName),
    badges.length ? h('span', { class: 'badges' }, badges) : null,
    items > 0 ? h('span', { class: 'progress', title: t('seat.progressTitle') },
      h('span', { class: 'bar' }, h('span', { class: 'fill', style: `width:${Math.round((100 * answered) / items)}%` })),
      h('span', { class: 'progress-text' }, `${answered}/${items}`)) : null,
    meta.length ? h('span', { class: 'seat-meta' }, meta) : null,
  ];
}

/** Seat buttons are kept and updated in place, so a click or keyboard focus survives the updates. */
const cells = new Map();

function seatCell(seat) {
  const key = `sitting:${seat.sittingId}`;
  let button = cells.get(key);
  if (!button) {
    button = h('button', { type: 'button', onclick: () => seatPanel.open(seat.sittingId) });
    cells.set(key, button);
  }
  const meta = state.meta.get(seat.sittingId);
  button.className = `seat st-${seat.status}`;
  const data = {
    seat: seat.seatNo ?? '', sittingId: seat.sittingId, status: seat.status, source: meta ? meta.source : '',
    pushedStatus: meta && meta.pushedStatus ? meta.pushedStatus : '',
    answered: seat.answered ?? 0, doubtful: Boolean(seat.doubtful), flagged: Boolean(seat.flagged),
    signals: seat.signals ?? 0,
  };
  Object.entries(data).forEach(([k, v]) => {
    if (button.dataset[k] !== String(v)) {
      button.dataset[k] = String(v);
    }
  });
  button.setAttribute('aria-label', `${t('seat.number', { n: seat.seatNo ?? '—' })} ${seat.fullName} ${t(`status.${seat.status}`)}`);
  const content = seatCellContent(seat);
  const scratch = h('span', {}, content);
  if (button.dataset.rendered !== scratch.innerHTML) {
    button.replaceChildren(...scratch.childNodes);
    button.dataset.rendered = scratch.innerHTML;
  }
  return button;
}

function emptyCell(n) {
  const key = `empty:${n}`;
  let cell = cells.get(key);
  if (!cell) {
    cell = h('div', { class: 'seat empty', dataset: { seat: n } });
    cells.set(key, cell);
  }
  cell.replaceChildren(h('span', { class: 'seat-top' }, h('span', { class: 'seat-no' }, n)),
    h('span', { class: 'seat-name' }, t('seat.empty')));
  return cell;
}

/** Puts the children in place, moving nothing that is already where it belongs. */
function placeChildren(parent, children) {
  const current = [...parent.children];
  if (current.length === children.length && current.every((child, i) => child === children[i])) {
    return;
  }
  parent.replaceChildren(...children);
}

function renderGrid() {
  const seats = [...state.seats.values()];
  const seated = seats.filter((s) => s.seatNo !== null && s.seatNo !== undefined);
  const unseated = seats.filter((s) => s.seatNo === null || s.seatNo === undefined);
  const bySeat = new Map(seated.map((s) => [s.seatNo, s]));
  const highest = Math.max(state.roomSeats, ...seated.map((s) => s.seatNo), 0);
  const columns = Math.min(10, Math.max(4, Math.ceil(Math.sqrt(highest || 1))));
  const grid = byId('seat-grid');
  grid.style.setProperty('--columns', columns);
  const slots = [];
  for (let n = 1; n <= highest; n += 1) {
    const seat = bySeat.get(n);
    slots.push(seat ? seatCell(seat) : emptyCell(n));
  }
  placeChildren(grid, slots);
  byId('unseated').hidden = unseated.length === 0;
  placeChildren(byId('unseated-list'), unseated.map(seatCell));
  const count = (status) => seats.filter((s) => s.status === status).length;
  const present = seats.filter((s) => s.status !== 'ABSENT').length;
  byId('grid-summary').textContent = t('console.summary', {
    total: seats.length, present, answering: count('ANSWERING'), disconnected: count('DISCONNECTED'), submitted: count('SUBMITTED'),
  });
}

function renderLiveStatus() {
  const box = byId('live-status');
  box.dataset.state = state.liveState;
  box.textContent = state.liveState === 'idle' ? '' : t(`live.${state.liveState}`);
}

function renderSessionBar() {
  const session = state.session;
  const badge = byId('session-state');
  badge.hidden = !session;
  const canAct = canControl();
  ['btn-checkin', 'btn-start', 'btn-close'].forEach((id) => {
    byId(id).hidden = true;
  });
  if (session) {
    badge.textContent = t(`state.${session.state}`);
    badge.dataset.state = session.state;
    if (canAct && !state.pendingTransition) {
      byId('btn-checkin').hidden = session.state !== 'SCHEDULED';
      byId('btn-start').hidden = session.state !== 'CHECK_IN';
      byId('btn-close').hidden = session.state !== 'RUNNING';
    }
  }
  byId('confirm-bar').hidden = !state.pendingTransition;
  if (state.pendingTransition) {
    byId('confirm-text').textContent = t(`console.confirm.${state.pendingTransition}`);
  }
  byId('watch-note').hidden = !(session && !isProctor());
}

function render() {
  renderSessionBar();
  renderLiveStatus();
  if (!state.session) {
    return;
  }
  renderGrid();
  renderAlerts();
  seatPanel.refresh();
  checkinDesk.render();
  roomRecord.render();
}

// ---- session controls ----

export function isProctor() {
  return state.me && state.me.role === 'PROCTOR';
}

function canControl() {
  return state.me && (state.me.role === 'PROCTOR' || state.me.role === 'BUREAU_ADMIN');
}

async function transition(target) {
  const session = state.session;
  state.pendingTransition = null;
  sessionNotice.clear();
  const button = { CHECK_IN: byId('btn-checkin'), RUNNING: byId('btn-start'), CLOSED: byId('btn-close') }[target];
  await busy(button, async () => {
    const updated = await api.post(`/api/sessions/${session.id}/state`, { state: target });
    state.session = updated;
    updateSessionInList(updated);
    sessionNotice.show(() => t(`console.moved.${target}`), 'ok');
    await refreshGrid('action');
    onSessionStateChanged();
  }, sessionNotice);
  render();
}

function askTransition(target) {
  if (target === 'CHECK_IN') {
    // Opening check-in draws the seats and every paper at once; it cannot be taken back.
    if (window.confirm(t('console.confirm.CHECK_IN'))) {
      transition(target);
    }
    return;
  }
  state.pendingTransition = target;
  render();
  byId('confirm-yes').focus();
}

// ---- start ----

async function start() {
  sessionNotice = notice(byId('session-notice'));
  i18n.extend(CONSOLE_DICT);
  i18n.init();
  state.me = await boot(['PROCTOR', 'BUREAU_ADMIN'], 'console.onlyStaff');
  if (!state.me) {
    return;
  }
  await loadOperationItems();
  byId('console-app').hidden = false;

  const context = {
    me: state.me,
    isProctor,
    session: () => state.session,
    seat: (sittingId) => state.seats.get(sittingId),
    seats: () => [...state.seats.values()],
    roomSeats: () => state.roomSeats,
    remainingMs,
    refreshGrid: async () => {
      await refreshGrid('action');
      render();
    },
  };
  seatPanel.init(context);
  checkinDesk.init(context);
  roomRecord.init(context);

  byId('session-select').addEventListener('change', (event) => selectSession(Number(event.target.value)));
  byId('btn-checkin').addEventListener('click', () => askTransition('CHECK_IN'));
  byId('btn-start').addEventListener('click', () => askTransition('RUNNING'));
  byId('btn-close').addEventListener('click', () => askTransition('CLOSED'));
  byId('confirm-yes').addEventListener('click', () => transition(state.pendingTransition));
  byId('confirm-no').addEventListener('click', () => {
    state.pendingTransition = null;
    render();
  });
  byId('alerts-clear').addEventListener('click', () => {
    clearAlerts();
    renderAlerts();
  });
  window.addEventListener('online', () => state.live && state.live.kick());
  setInterval(refreshSessionList, SESSION_LIST_REFRESH_MS);

  i18n.onChange(() => {
    renderSessionOptions();
    rerenderNotices();
    render();
    seatPanel.rerender();
    checkinDesk.rerender();
    roomRecord.rerender();
    // The gateway's details come in both languages; the list is redrawn in the new one.
    monitor.refresh();
  });
  // the local countdown and "last heard" ages
  setInterval(() => {
    if (state.session) {
      renderGrid();
      seatPanel.refresh();
    }
  }, 1000);

  try {
    await loadSessions();
  } catch (error) {
    notice(byId('page-error')).error(error);
  }
}

start().catch((error) => {
  notice(byId('page-error')).error(error instanceof ApiError ? error : asApiError(error));
});
