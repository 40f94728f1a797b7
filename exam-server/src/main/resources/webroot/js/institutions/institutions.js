// The bureau's page for training institutions: registration, linked accounts, suspension and
// sanctions, review of exam applications with their roster (hours, attendance) and proofs, assignment
// to a session picked from the scheduled ones, class archives, the yearly assessment.
import * as i18n from '../lib/i18n.js';
import { get, post } from '../lib/api.js';
import { startPage } from './training-page.js';
import { formatDateTime } from '../lib/datetime.js';
import { barChart } from '../lib/charts.js';
import { byId, h } from '../lib/dom.js';
import { operationItemName } from '../lib/operation-items.js';

let state = { institutions: [], applications: [], sanctions: [], classes: [], sessions: [], assessment: null };
let act = async () => {};

function render() {
  document.querySelectorAll('.institution-select').forEach((select) => {
    const keep = select.value;
    select.replaceChildren(...state.institutions.map((i) => h('option', { value: i.id, text: i.name })));
    if (keep) {
      select.value = keep;
    }
  });
  byId('institution-rows').replaceChildren(...state.institutions.map((i) => h('tr', { dataset: { institution: i.id } },
    h('td', { text: i.name }), h('td', { text: i.creditCode }), h('td', { text: i.scope.map(operationItemName).join(i18n.mark('、')) }),
    h('td', { text: i.staff.map((s) => i18n.paren(s.username, i18n.t(`role.${s.role}`))).join(i18n.mark('，')) }),
    h('td', { text: i.suspended ? i18n.t('inst.suspended') : i18n.t('insts.active') }))));
  byId('sanction-list').replaceChildren(...state.sanctions.map((s) => h('li', {
    text: `${s.institutionName}${i18n.mark('：')}${s.from} ~ ${s.to}${i18n.mark('，')}${s.reason}` })));
  byId('review-rows').replaceChildren(...state.applications.flatMap((a) => (a.roster ? [reviewRow(a), rosterRow(a)] : [reviewRow(a)])));
  byId('archive-list').replaceChildren(...state.classes.map((c) => h('li', {},
    h('a', { href: `/api/classes/${c.id}/archive.zip`, text: `${c.institutionName} · ${i18n.paren(c.name, operationItemName(c.operationItem))}` }),
    ` ${i18n.t('insts.retainUntil', { date: c.retainUntil })}`)));
  renderAssessment();
}

function reviewRow(a) {
  const actions = h('td', { class: 'actions' });
  if (a.status === 'SUBMITTED') {
    const reason = h('input', { placeholder: i18n.t('insts.reason'), maxlength: 1000 });
    actions.append(
      h('button', { type: 'button', class: 'primary', text: i18n.t('insts.approve'),
        onclick: () => act(() => post(`/api/applications/${a.id}/review`, { decision: 'APPROVE' })) }),
      reason,
      h('button', { type: 'button', text: i18n.t('insts.reject'),
        onclick: () => act(() => post(`/api/applications/${a.id}/review`, { decision: 'REJECT', reason: reason.value || undefined })) }));
  }
  if (a.status === 'APPROVED') {
    actions.append(...assignControls(a));
  }
  const proofs = h('td', {});
  return h('tr', { dataset: { application: a.id, status: a.status } }, h('td', { text: a.id + (a.retakeOf ? ` (${i18n.t('inst.retakeOf', { id: a.retakeOf })})` : '') }),
    h('td', { text: a.institutionName }), h('td', { text: a.className }),
    h('td', {}, h('span', { class: `stage ${a.stage}`, text: i18n.t(`inst.status.${a.stage}`) }), a.reviewReason ? `${i18n.mark('：')}${a.reviewReason}` : ''),
    h('td', { text: String(a.trainees) }), withProofs(proofs, a), actions);
}

/** A picker of the scheduled sessions of the application's operation item (the only ones it can join), and the button. */
function assignControls(a) {
  const open = state.sessions.filter((x) => x.state === 'SCHEDULED' && x.operationItem === a.operationItem);
  if (!open.length) {
    return [h('span', { class: 'muted small', text: i18n.t('insts.noSession', { item: operationItemName(a.operationItem) }) })];
  }
  const picker = h('select', { class: 'session-picker', 'aria-label': i18n.t('insts.pickSession') },
    ...open.map((x) => h('option', { value: x.id, text: `${x.title} · ${formatDateTime(x.startsAt)} · ${x.roomName}` })));
  return [picker, h('button', { type: 'button', class: 'primary', text: i18n.t('insts.assign'),
    onclick: () => act(() => post(`/api/applications/${a.id}/assign`, { sessionId: Number(picker.value) })) })];
}

/** The roster under review: each trainee's hours against the class's requirement, and the days they attended. */
function rosterRow(a) {
  const rows = a.roster.map((r) => h('tr', { dataset: { trainee: r.traineeId } },
    h('td', { text: r.fullName }), h('td', { text: r.idNumberMasked }), h('td', { text: r.employer }),
    h('td', { class: r.hours < a.requiredHours ? 'num short' : 'num', text: i18n.t('insts.hoursOf', { hours: r.hours, required: a.requiredHours }) }),
    h('td', { class: 'attendance', text: (r.attendance || []).map((d) => `${d.day.slice(5)} ${d.hours}`).join(i18n.mark('，')) })));
  return h('tr', { class: 'roster-row', dataset: { rosterOf: a.id } }, h('td', { colspan: 7 },
    h('table', { class: 'data roster' },
      h('thead', {}, h('tr', {}, h('th', { text: i18n.t('inst.fullName') }), h('th', { text: i18n.t('inst.idNumber') }),
        h('th', { text: i18n.t('inst.employer') }), h('th', { class: 'num', text: i18n.t('inst.hours') }),
        h('th', { text: i18n.t('insts.attendance') }))),
      h('tbody', {}, ...rows))));
}

function withProofs(cell, application) {
  (application.proofList || []).forEach((p) => cell.append(h('a', { href: `/api/proofs/${p.id}`, text: p.fileName, title: `SM3 ${p.sm3}` }), ' '));
  if (!application.proofList) {
    cell.append(String(application.proofs));
  }
  return cell;
}

const percent = (rate) => (rate == null ? 0 : Math.round(rate * 1000) / 10);

function renderAssessment() {
  const rows = state.assessment ? state.assessment.institutions : [];
  const empty = i18n.t('insts.noData');
  barChart(byId('chart-pass'), rows.map((r) => ({ label: r.name, total: percent(r.passRate) })),
    { title: i18n.t('insts.passRate'), emptyText: empty });
  barChart(byId('chart-retake'), rows.map((r) => ({ label: r.name, total: percent(r.retakeRate) })),
    { title: i18n.t('insts.retakeRate'), emptyText: empty });
  barChart(byId('chart-incidents'), rows.map((r) => ({ label: r.name, total: r.incidents + r.sanctions, active: r.sanctions })),
    { title: i18n.t('insts.incidentsAndSanctions'), emptyText: empty });
}

async function load() {
  const year = Number(byId('assessment-year').value) || new Date().getFullYear();
  const [institutions, applications, sanctions, classes, sessions, assessment] = await Promise.all([get('/api/institutions'),
    get('/api/applications'), get('/api/sanctions'), get('/api/classes'), get('/api/sessions'), get(`/api/assessment?year=${year}`)]);
  const submitted = applications.applications.filter((a) => a.status === 'SUBMITTED');
  const details = await Promise.all(submitted.map((a) => get(`/api/applications/${a.id}`)));
  details.forEach((d) => {
    const row = applications.applications.find((a) => a.id === d.id);
    Object.assign(row, { proofList: d.proofs, roster: d.roster, requiredHours: d.requiredHours });
  });
  state = { institutions: institutions.institutions, applications: applications.applications, sanctions: sanctions.sanctions,
    classes: classes.classes, sessions: sessions.sessions, assessment };
  render();
}

function wire() {
  byId('assessment-year').value = new Date().getFullYear();
  byId('register-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => post('/api/institutions', { name: byId('reg-name').value, creditCode: byId('reg-code').value,
      scope: byId('reg-scope').value.split(/[,，;；\s]+/).filter((s) => s) }), event.target);
  });
  byId('link-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => post(`/api/institutions/${byId('link-institution').value}/staff`, { staffId: Number(byId('link-staff').value) }));
  });
  byId('suspend-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => post(`/api/institutions/${byId('suspend-institution').value}/suspend`, { from: byId('suspend-from').value,
      to: byId('suspend-to').value, reason: byId('suspend-reason').value }));
  });
  byId('assessment-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {});
  });
}

wire();
act = startPage({ load, render });
