// The training institution's page: trainees, classes with attendance, exam applications with proof
// uploads, and its own trainees' published results. Everything it shows comes from the server,
// which only ever returns this institution's own records.
import * as i18n from './i18n.js';
import { ApiError, get, post } from './api.js';
import { startPage } from './training-page.js';
import { upload } from './bank-common.js';
import { byId, h } from './dom.js';
import { formatDate } from './datetime.js';

let state = { me: null, trainees: [], classes: [], applications: [], results: [] };
let act = async () => {};

const statusText = (status) => i18n.t(`inst.status.${status}`);

function render() {
  const me = state.me;
  if (me) {
    byId('inst-name').textContent = me.name;
    byId('inst-status').textContent = me.suspended ? i18n.t('inst.suspended') : i18n.t('inst.scope', { scope: me.scope.join('、') });
    byId('class-item').replaceChildren(...me.scope.map((item) => h('option', { value: item, text: item })));
  }
  byId('trainee-rows').replaceChildren(...state.trainees.map((t) => h('tr', {},
    h('td', { text: t.fullName }), h('td', { text: t.idNumberMasked }), h('td', { text: t.employer }))));
  byId('member-trainee').replaceChildren(...state.trainees.map((t) => h('option', { value: t.id, text: t.fullName })));
  document.querySelectorAll('.class-select').forEach((select) => {
    const keep = select.value;
    select.replaceChildren(...state.classes.map((c) => h('option', { value: c.id, text: `${c.name}（${c.operationItem}）` })));
    if (keep) {
      select.value = keep;
    }
  });
  byId('class-rows').replaceChildren(...state.classes.map((c) => h('tr', {},
    h('td', { text: c.name }), h('td', { text: c.operationItem }), h('td', { text: `${c.startsOn} ~ ${c.endsOn}` }),
    h('td', { text: c.requiredHours }),
    h('td', { text: (c.members || []).map((m) => `${m.fullName} ${m.hours}`).join('，') }))));
  byId('application-rows').replaceChildren(...state.applications.map(applicationRow));
  byId('result-rows').replaceChildren(...state.results.map((r) => h('tr', {},
    h('td', { text: r.fullName }), h('td', { text: r.operationItem }), h('td', { text: formatDate(r.examDate) }),
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
  if (a.status === 'ASSIGNED' && a.retakeOf == null) {
    actions.append(h('button', { type: 'button', text: i18n.t('inst.retake'),
      onclick: () => act(() => post('/api/applications', { retakeOf: a.id })) }));
  }
  return h('tr', { dataset: { application: a.id, status: a.status } },
    h('td', { text: a.id + (a.retakeOf ? ` (${i18n.t('inst.retakeOf', { id: a.retakeOf })})` : '') }),
    h('td', { text: a.className }),
    h('td', { class: 'application-status', text: statusText(a.status) + (a.reviewReason ? `：${a.reviewReason}` : '') }),
    h('td', { text: String(a.trainees) }), h('td', { class: 'proof-count', text: String(a.proofs) }), actions);
}

async function load() {
  const [me, trainees, classes, applications, results] = await Promise.all([get('/api/institution/me'), get('/api/trainees'),
    get('/api/classes'), get('/api/applications'), get('/api/institution/results')]);
  const detailed = await Promise.all(classes.classes.map((c) => get(`/api/classes/${c.id}`)));
  state = { me, trainees: trainees.trainees, classes: detailed, applications: applications.applications, results: results.results };
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
