// One seat of the console: the candidate's details and the proctor's actions on them (warn, pause
// and resume, extra time, move to another seat, record an incident with its video time range, void
// with a second proctor). The same dialog records a room-wide incident when opened without a seat.
import {
  api, busy, byId, fmtAgo, fmtDuration, h, notice, t,
} from './common.js';
import { formatDateTime, formatTime, fromSiteInput, toSiteInput } from '../lib/datetime.js';
import { mark, paren } from '../lib/i18n.js';
import { closeModal, openModal } from '../lib/dialog.js';

export const INCIDENT_KINDS = ['TALKING', 'LEAVING_SEAT', 'PEEKING', 'PHONE', 'NOTES', 'IMPERSONATION', 'COLLUSION',
  'DISTURBANCE', 'DEVICE_FAULT', 'HEALTH', 'OTHER'];
const VIDEO_DEFAULT_MS = 2 * 60 * 1000;
const VOIDS_KEY = 'examhall.console.voidRequests';

let ctx;
let dialog;
let seatNotice;
let voidPending;
let current = null; // sittingId, or null for a room incident
let mode = 'seat';

const IN_ROOM = ['CHECKED_IN', 'ANSWERING', 'DISCONNECTED', 'PAUSED'];

function voidRequests() {
  try {
    return JSON.parse(sessionStorage.getItem(VOIDS_KEY) || '{}') || {};
  } catch (e) {
    return {};
  }
}

function rememberVoidRequest(sittingId, reason) {
  const all = voidRequests();
  all[sittingId] = { at: new Date().toISOString(), reason };
  try {
    sessionStorage.setItem(VOIDS_KEY, JSON.stringify(all));
  } catch (e) {
    // shown for this page only
  }
}

function forgetVoidRequest(sittingId) {
  const all = voidRequests();
  delete all[sittingId];
  try {
    sessionStorage.setItem(VOIDS_KEY, JSON.stringify(all));
  } catch (e) {
    // nothing kept anyway
  }
}

function fillIncidentKinds() {
  const select = byId('incident-kind');
  const value = select.value;
  select.replaceChildren(...INCIDENT_KINDS.map((kind) => h('option', { value: kind }, t(`incident.kind.${kind}`))));
  if (value) {
    select.value = value;
  }
}

function resetForms() {
  byId('warn-message').value = t('seat.warnDefault');
  byId('extra-minutes').value = '5';
  byId('extra-reason').value = '';
  byId('incident-kind').value = mode === 'room' ? 'DEVICE_FAULT' : 'TALKING';
  byId('incident-severity').value = 'NOTE';
  byId('incident-description').value = '';
  const now = new Date();
  byId('incident-from').value = toSiteInput(new Date(now.getTime() - VIDEO_DEFAULT_MS));
  byId('incident-to').value = toSiteInput(now);
  byId('void-reason').value = '';
}

function fact(label, value, key) {
  if (value === null || value === undefined || value === '') {
    return [];
  }
  return [h('dt', {}, label), h('dd', { dataset: { fact: key } }, value)];
}

function renderFacts(seat) {
  const left = ctx.remainingMs(seat);
  byId('seat-facts').replaceChildren(
    ...fact(t('seat.f.status'), t(`status.${seat.status}`), 'status'),
    ...fact(t('seat.f.idNumber'), seat.idNumberMasked, 'idNumber'),
    ...fact(t('seat.f.ticket'), seat.ticketNo, 'ticket'),
    ...fact(t('seat.f.flags'), [seat.doubtful ? t('badge.doubtful') : null, seat.flagged ? t('badge.flagged') : null]
      .filter(Boolean).join(mark('、')), 'flags'),
    ...fact(t('seat.f.faceFailures'), seat.faceFailures ? String(seat.faceFailures) : '', 'faceFailures'),
    ...fact(t('seat.f.progress'), seat.items ? `${seat.answered}/${seat.items}` : '', 'progress'),
    ...fact(t('seat.f.timeLeft'), left !== null && !['SUBMITTED', 'VOIDED'].includes(seat.status) ? fmtDuration(left) : '', 'timeLeft'),
    ...fact(t('seat.f.heartbeat'), seat.connected ? t('seat.f.heartbeatLive')
      : seat.lastHeartbeat ? paren(formatTime(seat.lastHeartbeat), fmtAgo(seat.lastHeartbeat)) : '', 'heartbeat'),
    ...fact(t('seat.f.terminal'), seat.terminalId ? `#${seat.terminalId}` : '', 'terminal'),
    ...fact(t('seat.f.submitted'), seat.submittedAt
      ? `${formatDateTime(seat.submittedAt)}${seat.submitReason ? ` · ${t(`reason.${seat.submitReason}`)}` : ''}` : '', 'submitted'),
    ...fact(t('seat.f.score'), seat.score !== null && seat.score !== undefined
      ? `${seat.score}${seat.passed === true ? ` · ${t('result.passed')}` : seat.passed === false ? ` · ${t('result.failed')}` : ''}` : '', 'score'),
  );
}

function freeSeats(seat) {
  const taken = new Set(ctx.seats().filter((s) => s.seatNo !== null && s.seatNo !== undefined).map((s) => s.seatNo));
  const free = [];
  for (let n = 1; n <= ctx.roomSeats(); n += 1) {
    if (!taken.has(n) && n !== seat.seatNo) {
      free.push(n);
    }
  }
  return free;
}

function renderMoveOptions(seat) {
  const select = byId('move-seat');
  const free = freeSeats(seat);
  const signature = `${free.join(',')}|${t('seat.number', { n: 0 })}`;
  // rebuilt only when the free seats change, so an open drop-down is left alone
  if (select.dataset.signature !== signature) {
    const value = select.value;
    select.replaceChildren(...free.map((n) => h('option', { value: n }, t('seat.number', { n }))));
    if (free.map(String).includes(value)) {
      select.value = value;
    }
    select.dataset.signature = signature;
  }
  return free.length > 0;
}

/** Re-renders the open dialog from the latest seat row; leaves what the proctor typed alone. */
export function refresh() {
  if (!dialog || !dialog.open) {
    return;
  }
  const proctor = ctx.isProctor();
  byId('seat-actions').hidden = !proctor;
  byId('seat-readonly').hidden = proctor;
  document.querySelectorAll('#seat-actions .action').forEach((section) => {
    section.hidden = mode === 'room' && section.id !== 'form-incident';
  });
  if (mode === 'room') {
    byId('seat-title').textContent = t('seat.roomIncidentTitle');
    byId('seat-facts').replaceChildren();
    dialog.dataset.sittingId = '';
    return;
  }
  const seat = ctx.seat(current);
  if (!seat) {
    byId('seat-title').textContent = t('seat.gone');
    byId('seat-actions').hidden = true;
    return;
  }
  dialog.dataset.sittingId = seat.sittingId;
  dialog.dataset.status = seat.status;
  byId('seat-title').textContent = `${t('seat.number', { n: seat.seatNo ?? '—' })} · ${seat.fullName}`;
  renderFacts(seat);
  const status = seat.status;
  const live = IN_ROOM.includes(status);
  byId('warn-send').disabled = !live;
  byId('pause-button').disabled = !['ANSWERING', 'DISCONNECTED'].includes(status);
  byId('resume-button').disabled = status !== 'PAUSED';
  byId('extra-send').disabled = !live;
  byId('move-send').disabled = !live || !renderMoveOptions(seat);
  byId('void-send').disabled = !(live || status === 'SUBMITTED');
  const pending = voidRequests()[seat.sittingId];
  if (status === 'VOIDED' && pending) {
    forgetVoidRequest(seat.sittingId);
  }
  if (pending && status !== 'VOIDED') {
    voidPending.show(() => t('seat.voidPendingMine', { time: formatTime(pending.at) }), 'wait');
  } else {
    voidPending.clear();
  }
}

export function rerender() {
  fillIncidentKinds();
  refresh();
}

export function open(sittingId) {
  mode = 'seat';
  current = sittingId;
  seatNotice.clear();
  resetForms();
  openModal(dialog);
  refresh();
}

export function openRoom() {
  mode = 'room';
  current = null;
  seatNotice.clear();
  resetForms();
  openModal(dialog);
  refresh();
}

export function close() {
  closeModal(dialog);
}

async function act(button, path, body, okText) {
  seatNotice.clear();
  await busy(button, async () => {
    const result = await api.post(path, body);
    seatNotice.show(typeof okText === 'function' ? () => okText(result) : () => t(okText), 'ok');
    await ctx.refreshGrid();
  }, seatNotice);
  refresh();
}

function wire() {
  byId('seat-close').addEventListener('click', close);

  byId('form-warn').addEventListener('submit', (event) => {
    event.preventDefault();
    const message = byId('warn-message').value.trim();
    if (!message) {
      seatNotice.show('seat.warnMissing', 'bad');
      return;
    }
    act(byId('warn-send'), `/api/sittings/${current}/warn`, { message }, 'seat.warned');
  });

  byId('pause-button').addEventListener('click', () => act(byId('pause-button'), `/api/sittings/${current}/pause`, {}, 'seat.paused'));
  byId('resume-button').addEventListener('click', () => act(byId('resume-button'), `/api/sittings/${current}/resume`, {}, 'seat.resumed'));

  byId('form-extra').addEventListener('submit', (event) => {
    event.preventDefault();
    const minutes = Number(byId('extra-minutes').value);
    const reason = byId('extra-reason').value.trim();
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 120) {
      seatNotice.show('seat.minutesInvalid', 'bad');
      return;
    }
    if (!reason) {
      seatNotice.show('seat.reasonMissing', 'bad');
      return;
    }
    act(byId('extra-send'), `/api/sittings/${current}/extra-time`, { minutes, reason },
      () => t('seat.extraGiven', { minutes }));
  });

  byId('form-move').addEventListener('submit', (event) => {
    event.preventDefault();
    const seatNo = Number(byId('move-seat').value);
    if (!seatNo) {
      seatNotice.show('seat.noFreeSeat', 'bad');
      return;
    }
    act(byId('move-send'), `/api/sittings/${current}/move`, { seatNo }, () => t('seat.moved', { seat: seatNo }));
  });

  byId('form-incident').addEventListener('submit', (event) => {
    event.preventDefault();
    const description = byId('incident-description').value.trim();
    if (!description) {
      seatNotice.show('incident.descriptionMissing', 'bad');
      return;
    }
    const from = fromSiteInput(byId('incident-from').value);
    const to = fromSiteInput(byId('incident-to').value);
    if (from && to && to < from) {
      seatNotice.show('incident.rangeInvalid', 'bad');
      return;
    }
    const body = {
      kind: byId('incident-kind').value, severity: byId('incident-severity').value, description,
    };
    if (current) {
      body.sittingId = current;
    }
    if (from) {
      body.videoFrom = from;
    }
    if (to) {
      body.videoTo = to;
    }
    const session = ctx.session();
    act(byId('incident-send'), `/api/sessions/${session.id}/incidents`, body, (result) => t('incident.recorded', { id: result.id }));
  });

  byId('form-void').addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = byId('void-reason').value.trim();
    if (!reason) {
      seatNotice.show('seat.reasonMissing', 'bad');
      return;
    }
    const sittingId = current;
    seatNotice.clear();
    await busy(byId('void-send'), async () => {
      try {
        const result = await api.post(`/api/sittings/${sittingId}/void`, { reason });
        if (result.voided) {
          forgetVoidRequest(sittingId);
          seatNotice.show('seat.voided', 'ok');
        } else {
          rememberVoidRequest(sittingId, reason);
          seatNotice.show('seat.voidRequested', 'wait');
        }
      } catch (error) {
        if (error.code === 'SECOND_PROCTOR_REQUIRED') {
          rememberVoidRequest(sittingId, reason);
        }
        throw error;
      }
      await ctx.refreshGrid();
    }, seatNotice);
    refresh();
  });
}

export function init(context) {
  ctx = context;
  dialog = byId('seat-dialog');
  seatNotice = notice(byId('seat-notice'));
  voidPending = notice(byId('void-pending'));
  fillIncidentKinds();
  wire();
  byId('record-incident').addEventListener('click', openRoom);
}
