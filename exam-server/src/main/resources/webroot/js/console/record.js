// The room record (考场记录) of the console's session: attendance, timings and incidents; once the
// session is closed, each of two proctors signs it with their own login.
import {
  api, busy, byId, fmtDuration, h, notice, t,
} from './common.js';
import { formatDateTime } from '../lib/datetime.js';

let ctx;
let recordNotice;
let record = null;

export function reset() {
  record = null;
  if (recordNotice) {
    recordNotice.clear();
    byId('record-body').hidden = true;
    byId('record-body').replaceChildren();
  }
}

export function render() {
  const session = ctx.session();
  byId('record-sign').hidden = !(session && session.state === 'CLOSED' && ctx.isProctor());
  byId('record-incident').hidden = !(session && ctx.isProctor());
}

export function sessionChanged() {
  render();
  if (record) {
    load();
  }
}

// Who has signed, so that the second proctor sees the first's signature before signing; one over an
// earlier version of the record does not count towards the two.
function signatures(list) {
  const current = list.filter((s) => s.matchesRecord);
  return h('div', { id: 'record-signatures', dataset: { signatures: current.length } },
    h('p', { class: current.length >= 2 ? 'notice ok' : 'hint' }, t('record.signedCount', { n: current.length })),
    list.length === 0 ? null : h('ul', { class: 'record-signers' }, list.map((s) => h('li', { dataset: { staffId: s.staffId } },
      t('record.signedBy', { name: s.name, at: formatDateTime(s.signedAt) }),
      s.matchesRecord ? null : h('span', { class: 'badge doubtful' }, t('record.signedEarlier'))))));
}

function cell(value) {
  return h('td', {}, value === null || value === undefined ? '' : value);
}

function renderRecord() {
  const body = byId('record-body');
  body.hidden = !record;
  if (!record) {
    return;
  }
  const attendance = record.attendance || {};
  const who = new Map((record.candidates || []).map((c) => [c.sittingId, c]));
  const facts = [
    ['title', t('record.f.title'), record.title],
    ['room', t('record.f.room'), record.room],
    ['state', t('record.f.state'), t(`state.${record.state}`)],
    ['scheduled', t('record.f.scheduled'), formatDateTime(record.scheduledStart)],
    ['started', t('record.f.started'), record.startedAt ? formatDateTime(record.startedAt) : t('record.notStarted')],
    ['duration', t('record.f.duration'), t('record.minutes', { n: record.durationMinutes })],
    ['attendance', t('record.f.attendance'), t('record.attendance', attendance)],
    ['hash', t('record.f.hash'), record.recordHash],
  ];
  body.replaceChildren(
    h('dl', { class: 'facts record-facts' }, facts.flatMap(([key, label, value]) => [
      h('dt', {}, label), h('dd', { dataset: { fact: key }, class: key === 'hash' ? 'hash' : null }, value ?? '')])),
    signatures(record.signatures || []),
    h('h3', {}, t('record.candidates')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'record-candidates' },
      h('thead', {}, h('tr', {}, ['record.c.seat', 'record.c.name', 'record.c.ticket', 'record.c.idNumber', 'record.c.attended',
        'record.c.status', 'record.c.checkedIn', 'record.c.submitted', 'record.c.extra', 'record.c.signals']
        .map((k) => h('th', {}, t(k))))),
      h('tbody', {}, (record.candidates || []).map((c) => h('tr', { dataset: { sittingId: c.sittingId } },
        cell(c.seatNo ?? '—'),
        cell([c.fullName, c.doubtful ? h('span', { class: 'badge doubtful' }, t('badge.doubtful')) : null,
          c.photoEnrolledAtDoor ? h('span', { class: 'badge doubtful' }, t('record.c.photoAtDoor')) : null]),
        cell(c.ticketNo), cell(c.idNumberMasked),
        cell(c.attended ? t('record.present') : t('record.absent')),
        cell(t(`status.${c.status === 'REGISTERED' ? 'ABSENT' : c.status}`)),
        cell(formatDateTime(c.checkedInAt)),
        cell(c.submittedAt ? `${formatDateTime(c.submittedAt)}${c.submitReason ? ` · ${t(`reason.${c.submitReason}`)}` : ''}` : ''),
        cell(c.extraSeconds ? fmtDuration(c.extraSeconds * 1000) : ''),
        cell(signalSummary(c.signals))))))),
    h('h3', {}, t('record.incidents')),
    (record.incidents || []).length === 0 ? h('p', { class: 'hint' }, t('record.noIncidents'))
      : h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'record-incidents' },
        h('thead', {}, h('tr', {}, ['record.i.time', 'record.i.who', 'incident.kind', 'incident.severity', 'incident.description',
          'record.i.video', 'record.i.by'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, record.incidents.map((i) => {
          const c = i.sittingId ? who.get(i.sittingId) : null;
          return h('tr', { class: `sev-${i.severity}`, dataset: { kind: i.kind, severity: i.severity } },
            cell(formatDateTime(i.recordedAt)),
            cell(c ? `${t('seat.number', { n: c.seatNo ?? '—' })} ${c.fullName}` : t('alerts.room')),
            cell(t(`incident.kind.${i.kind}`) === `incident.kind.${i.kind}` ? i.kind : t(`incident.kind.${i.kind}`)),
            cell(t(`severity.${i.severity}`)),
            cell(i.description),
            cell(i.videoFrom || i.videoTo ? `${formatDateTime(i.videoFrom, { seconds: true })} – ${formatDateTime(i.videoTo, { seconds: true })}` : ''),
            cell(i.recordedBy === ctx.me.staffId ? t('record.me', { id: i.recordedBy }) : `#${i.recordedBy}`));
        })))),
  );
}

export function rerender() {
  render();
  renderRecord();
}

async function load() {
  const session = ctx.session();
  if (!session) {
    return;
  }
  await busy(byId('record-refresh'), async () => {
    record = await api.get(`/api/sessions/${session.id}/room-record`);
    renderRecord();
  }, recordNotice);
}

async function sign() {
  const session = ctx.session();
  // A signature cannot be withdrawn.
  if (!window.confirm(t('record.confirmSign'))) {
    return;
  }
  recordNotice.clear();
  await busy(byId('record-sign'), async () => {
    const signed = await api.post(`/api/sessions/${session.id}/room-record/sign`, {});
    recordNotice.show(() => (signed.signatures >= 2 ? t('record.signedBoth') : t('record.signedWaiting')), 'ok');
    record = await api.get(`/api/sessions/${session.id}/room-record`);
    renderRecord();
  }, recordNotice);
}

export function init(context) {
  ctx = context;
  recordNotice = notice(byId('record-notice'));
  byId('record-refresh').addEventListener('click', () => {
    recordNotice.clear();
    load();
  });
  byId('record-sign').addEventListener('click', sign);
}

/** "窗口失去焦点 ×2 · 尝试复制 ×1": what the candidate's terminal reported, as the proctors sign it. */
function signalSummary(signals) {
  return Object.entries(signals || {}).map(([kind, n]) => `${t(`alert.${kind}`)} ×${n}`).join(' · ');
}
