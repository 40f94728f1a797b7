// The training institution's page: trainees, classes with attendance, exam applications with proof
// uploads and their stage through to published, its trainees' exam arrangements (time, room, ticket,
// seat once drawn), and their published results. Everything it shows comes from the server, which
// only ever returns this institution's own records; whether a retake may be applied for is the
// server's answer (retakeAllowed), not a rule of this page.
import * as i18n from '../lib/i18n.js';
import { ApiError, get, post, upload } from '../lib/api.js';
import { startPage } from './training-page.js';
import { byId, h } from '../lib/dom.js';
import { formatDate, formatDateTime } from '../lib/datetime.js';
import { operationItemLabel, operationItemName } from '../lib/operation-items.js';

let state = { me: null, trainees: [], classes: [], applications: [], arrangements: [], results: [] };
let act = async () => {};

const statusText = (status) => i18n.t(`inst.status.${status}`);

function render() {
  const me = state.me;
  if (me) {
    byId('inst-name').textContent = me.name;
    byId('inst-status').textContent = me.suspended ? i18n.t('inst.suspended') : i18n.t('inst.scope', { scope: me.scope.map(operationItemName).join(i18n.mark('、')) });
    byId('class-item').replaceChildren(...me.scope.map((item) => h('option', { value: item, text: i18n.paren(operationItemName(item), item) })));
  }
  byId('trainee-rows').replaceChildren(...state.trainees.map((t) => h('tr', {},
    h('td', { text: t.fullName }), h('td', { text: t.idNumberMasked }), h('td', { text: t.employer }))));
  byId('member-trainee').replaceChildren(...state.trainees.map((t) => h('option', { value: t.id, text: t.fullName })));
  document.querySelectorAll('.class-select').forEach((select) => {
    const keep = select.value;
    select.replaceChildren(...state.classes.map((c) => h('option', { value: c.id, text: i18n.paren(c.name, operationItemName(c.operationItem)) })));
    if (keep) {
      select.value = keep;
    }
  });
  byId('class-rows').replaceChildren(...state.classes.map((c) => h('tr', {},
    h('td', { text: c.name }), h('td', {}, operationItemLabel(c.operationItem)), h('td', { text: `${c.startsOn} ~ ${c.endsOn}` }),
    h('td', { text: c.requiredHours }),
    h('td', { text: (c.members || []).map((m) => `${m.fullName} ${m.hours}`).join(i18n.mark('，')) }))));
  byId('application-rows').replaceChildren(...state.applications.map(applicationRow));
  byId('arrangement-rows').replaceChildren(...(state.arrangements.length ? state.arrangements.map(arrangementRow)
    : [h('tr', { class: 'empty-row' }, h('td', { colspan: 8, text: i18n.t('inst.noArrangements') }))]));
  byId('result-rows').replaceChildren(...state.results.map((r) => h('tr', {},
    h('td', { text: r.fullName }), h('td', {}, operationItemLabel(r.operationItem)), h('td', { text: formatDate(r.examDate) }),
    h('td', { text: r.published ? `${r.score ?? ''}${r.corrected ? ` ${i18n.t('inst.corrected')}` : ''}` : i18n.t('inst.notPublished') }),
    h('td', { text: !r.published ? '' : r.passed ? i18n.t('inst.passed') : i18n.t('inst.failed') }))));
}

function applicationRow(a) {
  const actions = h('td', { class: 'actions' });
  if (a.status === 'DRAFT') {
    const file = h('input', { type: 'file', accept: 'application/pdf,image/jpeg,image/png', class: 'proof-file', dataset: { id: a.id } });
    const send = h('button', { type: 'button', class: 'upload-proof', text: i18n.t('inst.uploadProof'), onclick: () => act(async () => {
      if (!file.files.length) {
        throw new ApiError(400, 'PROOF_EMPTY', { zh: i18n.tIn('zh', 'inst.chooseFile'), en: i18n.tIn('en', 'inst.chooseFile') }, null);
      }
      await upload(`/api/applications/${a.id}/proofs?fileName=${encodeURIComponent(file.files[0].name)}`, file.files[0]);
    }) });
    const submit = h('button', { type: 'button', class: 'primary submit-application', text: i18n.t('inst.submit'),
      onclick: () => act(() => post(`/api/applications/${a.id}/submit`, {})) });
    actions.append(file, send, submit);
  }
  if (a.retakeAllowed) {
    actions.append(h('button', { type: 'button', class: 'retake-application', text: i18n.t('inst.retake'),
      onclick: () => act(() => post('/api/applications', { retakeOf: a.id })) }));
  }
  return h('tr', { dataset: { application: a.id, status: a.status, stage: a.stage } },
    h('td', { text: a.id + (a.retakeOf ? ` (${i18n.t('inst.retakeOf', { id: a.retakeOf })})` : '') }),
    h('td', { text: a.className }),
    h('td', { class: 'application-status' }, h('span', { class: `stage ${a.stage}`, text: statusText(a.stage) }),
      a.reviewReason ? `${i18n.mark('：')}${a.reviewReason}` : ''),
    h('td', { class: 'application-session', text: a.session ? `${formatDateTime(a.session.startsAt)} · ${place(a.session)}` : '' }),
    h('td', { text: String(a.trainees) }), h('td', { class: 'proof-count', text: String(a.proofs) }), actions);
}

const place = (where) => `${where.site} ${where.room}`;

function arrangementRow(x) {
  return h('tr', { dataset: { application: x.applicationId, stage: x.stage } },
    h('td', { text: x.fullName }), h('td', { text: x.idNumberMasked }),
    h('td', {}, operationItemLabel(x.operationItem), x.retake ? ` ${i18n.t('inst.retakeMark')}` : ''),
    h('td', { class: 'exam-time', text: i18n.paren(formatDateTime(x.startsAt), i18n.t('inst.minutes', { n: x.durationMinutes })) }),
    h('td', { class: 'exam-place', text: place(x) }), h('td', { class: 'ticket', text: x.ticketNo }),
    h('td', { class: 'seat' }, x.seatNo == null ? h('span', { class: 'seat-pending', text: i18n.t('inst.seatNotDrawn') }) : String(x.seatNo)),
    h('td', {}, h('span', { class: `stage ${x.stage}`, text: statusText(x.stage) })));
}

async function load() {
  const [me, trainees, classes, applications, arrangements, results] = await Promise.all([get('/api/institution/me'),
    get('/api/trainees'), get('/api/classes'), get('/api/applications'), get('/api/institution/arrangements'),
    get('/api/institution/results')]);
  const detailed = await Promise.all(classes.classes.map((c) => get(`/api/classes/${c.id}`)));
  state = { me, trainees: trainees.trainees, classes: detailed, applications: applications.applications,
    arrangements: arrangements.arrangements, results: results.results };
  render();
}

function readPhoto(file) {
  return new Promise((resolve, reject) => {
    if (!file) {
      resolve(undefined);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function wire() {
  byId('trainee-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => post('/api/trainees', { fullName: byId('trainee-name').value, idNumber: byId('trainee-id').value,
      employer: byId('trainee-employer').value || undefined, photo: await readPhoto(byId('trainee-photo').files[0]) }),
    event.target);
  });
  byId('class-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => post('/api/classes', { name: byId('class-name').value, operationItem: byId('class-item').value,
      startsOn: byId('class-start').value, endsOn: byId('class-end').value, requiredHours: Number(byId('class-hours').value) }),
    event.target);
  });
  byId('member-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => post(`/api/classes/${byId('member-class').value}/members`, { traineeId: Number(byId('member-trainee').value),
      attendance: [{ day: byId('member-day').value, hours: Number(byId('member-hours').value) }] }));
  });
  byId('application-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => post('/api/applications', { classId: Number(byId('application-class').value) }));
  });
}

wire();
act = startPage({ load, render });
