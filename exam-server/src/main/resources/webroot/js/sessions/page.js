// The bureau's rooms-and-sessions page: exam sites and rooms with their approval (≥ 25 enrolled
// terminals), one-time terminal enrolment codes, the session list and the scheduling form. One
// session's candidates, state, results and answer sheets are in detail.js.
import * as i18n from '../lib/i18n.js';
import {
  api, boot, busy, byId, h, notice, rerenderNotices, t,
} from '../console/common.js';
import { formatDateTime, fromSiteInput, siteTimeZone, toSiteInput } from '../lib/datetime.js';
import { loadOperationItems, operationItemName } from '../lib/operation-items.js';
import { CONSOLE_DICT } from '../console/i18n.js';
import { SESSIONS_DICT } from './i18n.js';
import * as detail from './detail.js';
import { showTab } from '../lib/tabs.js';

const MIN_TERMINALS = 25;

const state = {
  me: null,
  sites: [],
  sessions: [],
  proctors: [],
  staffNames: new Map(),
  blueprints: null, // null: the bank's list is not available, a text field stands in
  codes: null, // the codes just issued: { roomName, fromSeat, toSeat, codes }
};

const notices = {};

// ---- sites and rooms ----

function allRooms() {
  return state.sites.flatMap((site) => (site.rooms || []).map((room) => ({ ...room, siteName: site.name })));
}

function approval(room) {
  const enrolled = Number(room.enrolledTerminals) || 0;
  return room.approved
    ? h('span', { class: 'badge ok approval' }, t('rooms.approved'))
    : h('span', { class: 'badge bad approval' }, t('rooms.notApproved', { missing: Math.max(0, MIN_TERMINALS - enrolled) }));
}

function renderSites() {
  byId('sites-empty').hidden = state.sites.length > 0;
  // newest first: the site being set up is at the top
  byId('site-list').replaceChildren(...[...state.sites].reverse().map((site) => h('div', { class: 'site-block', dataset: { siteId: site.id } },
    h('h3', {}, site.name),
    site.address ? h('div', { class: 'site-address' }, site.address) : null,
    (site.rooms || []).length === 0 ? h('p', { class: 'hint' }, t('rooms.noRooms'))
      : h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, h('th', {}, t('rooms.c.room')), h('th', { class: 'num' }, t('rooms.c.enrolled')),
          h('th', { class: 'num' }, t('rooms.c.terminals')), h('th', {}, t('rooms.c.approval')))),
        h('tbody', {}, site.rooms.map((room) => h('tr', { dataset: { roomId: room.id } },
          h('td', {}, room.name),
          h('td', { class: 'num' }, String(room.enrolledTerminals ?? 0)),
          h('td', { class: 'num' }, String(room.terminals ?? 0)),
          h('td', {}, approval(room)))))))));
}

function fillSelect(select, options, keep = true) {
  const value = select.value;
  select.replaceChildren(...options);
  if (keep && [...select.options].some((o) => o.value === value && !o.disabled)) {
    select.value = value;
  }
}

function fillRoomSelects() {
  const newestFirst = [...state.sites].reverse();
  fillSelect(byId('room-site'), newestFirst.map((site) => h('option', { value: site.id }, site.name)));
  const grouped = (decorate) => newestFirst.filter((s) => (s.rooms || []).length)
    .map((site) => h('optgroup', { label: site.name }, site.rooms.map((room) => decorate(site, room))));
  fillSelect(byId('codes-room'), grouped((site, room) => h('option', { value: room.id }, `${site.name} · ${room.name}`)));
  const schedule = byId('schedule-room');
  fillSelect(schedule, [h('option', { value: '' }, t('schedule.pickRoom')),
    ...grouped((site, room) => h('option', { value: room.id, disabled: !room.approved },
      room.approved ? `${site.name} · ${room.name}` : i18n.paren(`${site.name} · ${room.name}`, t('rooms.notApprovedShort'))))]);
}

async function loadSites() {
  state.sites = (await api.get('/api/sites')).sites || [];
  renderSites();
  fillRoomSelects();
}

async function createSite(event) {
  event.preventDefault();
  const name = byId('site-name').value.trim();
  const address = byId('site-address').value.trim();
  if (!name) {
    notices.site.show('rooms.nameMissing', 'bad');
    return;
  }
  notices.site.clear();
  await busy(byId('site-create'), async () => {
    const site = await api.post('/api/sites', address ? { name, address } : { name });
    notices.site.show(() => t('rooms.siteCreated', { name: site.name }), 'ok');
    byId('site-name').value = '';
    byId('site-address').value = '';
    await loadSites();
    byId('room-site').value = String(site.id);
  }, notices.site);
}

async function createRoom(event) {
  event.preventDefault();
  const siteId = byId('room-site').value;
  const name = byId('room-name').value.trim();
  if (!siteId) {
    notices.room.show('rooms.siteMissing', 'bad');
    return;
  }
  if (!name) {
    notices.room.show('rooms.nameMissing', 'bad');
    return;
  }
  notices.room.clear();
  await busy(byId('room-create'), async () => {
    const room = await api.post(`/api/sites/${siteId}/rooms`, { name });
    notices.room.show(() => t('rooms.roomCreated', { name: room.name }), 'ok');
    byId('room-name').value = '';
    await loadSites();
    byId('codes-room').value = String(room.id);
  }, notices.room);
}

function enrolLink(code) {
  return `${window.location.origin}/terminal.html?enrol=${encodeURIComponent(code)}`;
}

function renderCodes() {
  const box = byId('codes-result');
  box.hidden = !state.codes;
  if (!state.codes) {
    return;
  }
  byId('codes-title').textContent = t('codes.title', {
    room: state.codes.roomName, from: state.codes.fromSeat, to: state.codes.toSeat,
  });
  byId('code-list').querySelector('tbody').replaceChildren(...state.codes.codes.map((code) => h('tr', { dataset: { seat: code.seatNo } },
    h('td', {}, String(code.seatNo)),
    h('td', { class: 'code' }, code.enrolCode),
    h('td', {}, formatDateTime(code.expiresAt)),
    h('td', {}, h('a', { href: enrolLink(code.enrolCode), target: '_blank', rel: 'noopener' }, enrolLink(code.enrolCode))))));
}

async function issueCodes(event) {
  event.preventDefault();
  const roomId = byId('codes-room').value;
  const fromSeat = Number(byId('codes-from').value);
  const toSeat = Number(byId('codes-to').value);
  if (!roomId) {
    notices.codes.show('codes.roomMissing', 'bad');
    return;
  }
  if (!Number.isInteger(fromSeat) || !Number.isInteger(toSeat) || fromSeat < 1 || toSeat < fromSeat || toSeat - fromSeat >= 200) {
    notices.codes.show('codes.rangeInvalid', 'bad');
    return;
  }
  notices.codes.clear();
  await busy(byId('codes-issue'), async () => {
    const result = await api.post(`/api/rooms/${roomId}/enrol-codes`, { fromSeat, toSeat });
    const room = allRooms().find((r) => String(r.id) === roomId);
    state.codes = { roomName: room ? `${room.siteName} ${room.name}` : `#${roomId}`, fromSeat, toSeat, codes: result.codes || [] };
    notices.codes.show(() => t('codes.issued', { n: state.codes.codes.length }), 'ok');
    renderCodes();
    await loadSites();
  }, notices.codes);
}

// ---- sessions ----

function renderSessions() {
  byId('sessions-empty').hidden = state.sessions.length > 0;
  const selected = detail.currentId();
  byId('session-list').querySelector('tbody').replaceChildren(...state.sessions.map((s) => h('tr', {
    class: s.id === selected ? 'selected' : null,
    dataset: { sessionId: s.id },
  },
  h('td', {}, h('button', { type: 'button', class: 'plain small', onclick: () => detail.show(s.id) }, `#${s.id}`)),
  h('td', {}, s.title ? [s.title, ' ', h('small', { class: 'muted' }, operationItemName(s.operationItem))] : operationItemName(s.operationItem)),
  h('td', {}, s.roomName),
  h('td', {}, formatDateTime(s.startsAt)),
  h('td', { class: 'num' }, String(s.candidates ?? 0)),
  h('td', {}, h('span', { class: 'state-badge', dataset: { state: s.state } }, t(`state.${s.state}`))))));
}

async function loadSessions() {
  state.sessions = (await api.get('/api/sessions')).sessions || [];
  renderSessions();
}

function renderProctors() {
  const box = byId('schedule-proctors');
  const checked = new Set([...box.querySelectorAll('input:checked')].map((input) => input.value));
  box.replaceChildren(...(state.proctors.length === 0 ? [h('p', { class: 'hint' }, t('schedule.noProctors'))]
    : state.proctors.map((p) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: p.id, checked: checked.has(String(p.id)) }),
      h('span', {}, p.displayName || p.username, ' ', h('small', {}, p.username))))));
}

async function loadStaff() {
  try {
    const staff = (await api.get('/api/staff')).staff || [];
    staff.forEach((s) => state.staffNames.set(s.id, s.displayName || s.username));
    state.proctors = staff.filter((s) => s.role === 'PROCTOR' && !s.disabled);
  } catch (error) {
    state.proctors = [];
  }
  renderProctors();
}

function renderBlueprints() {
  const select = byId('schedule-blueprint');
  const text = byId('schedule-blueprint-text');
  select.hidden = state.blueprints === null;
  text.hidden = state.blueprints !== null;
  if (state.blueprints !== null) {
    fillSelect(select, [h('option', { value: '' }, t('schedule.pickBlueprint')),
      ...state.blueprints.map((b) => h('option', { value: b.id },
        `${i18n.paren(b.title || b.id, b.id)} · ${t('record.minutes', { n: b.durationMinutes })}`))]);
  }
}

async function loadBlueprints() {
  try {
    state.blueprints = (await api.get('/api/bank/blueprints')).blueprints || [];
  } catch (error) {
    state.blueprints = null;
  }
  renderBlueprints();
}

function chosenBlueprint() {
  return state.blueprints === null ? byId('schedule-blueprint-text').value.trim() : byId('schedule-blueprint').value;
}

function blueprintChanged() {
  const blueprint = (state.blueprints || []).find((b) => b.id === chosenBlueprint());
  byId('schedule-duration').placeholder = blueprint ? String(blueprint.durationMinutes) : '';
}

/** The start is typed in site time, which may not be the browser's. */
function renderZone() {
  byId('schedule-zone').textContent = t('schedule.zone', { zone: siteTimeZone() });
}

/** Tomorrow 09:00 at the site. */
function defaultStart() {
  return `${toSiteInput(new Date(Date.now() + 24 * 3600 * 1000)).substring(0, 10)}T09:00`;
}

async function schedule(event) {
  event.preventDefault();
  const roomId = Number(byId('schedule-room').value);
  const blueprintId = chosenBlueprint();
  const start = byId('schedule-start').value;
  const proctorIds = [...byId('schedule-proctors').querySelectorAll('input:checked')].map((input) => Number(input.value));
  const durationText = byId('schedule-duration').value.trim();
  const title = byId('schedule-title').value.trim();
  const problems = [];
  if (!roomId) {
    problems.push('schedule.roomMissing');
  }
  if (!blueprintId) {
    problems.push('schedule.blueprintMissing');
  }
  // The input has no zone; the start is meant in the site's, whatever the browser's is.
  const startsAt = fromSiteInput(start);
  if (!startsAt) {
    problems.push('schedule.startMissing');
  }
  if (new Set(proctorIds).size < 2) {
    problems.push('schedule.tooFewProctors');
  }
  const duration = durationText ? Number(durationText) : null;
  if (duration !== null && (!Number.isInteger(duration) || duration < 10 || duration > 600)) {
    problems.push('schedule.durationInvalid');
  }
  if (problems.length) {
    notices.schedule.show(() => problems.map((p) => t(p)).join('\n'), 'bad');
    return;
  }
  notices.schedule.clear();
  const body = { roomId, blueprintId, startsAt, proctorIds, showScore: byId('schedule-show-score').checked };
  if (title) {
    body.title = title;
  }
  if (duration !== null) {
    body.durationMinutes = duration;
  }
  await busy(byId('schedule-submit'), async () => {
    const created = await api.post('/api/sessions', body);
    notices.schedule.show(() => t('schedule.created', { id: created.id, title: created.title }), 'ok');
    await loadSessions();
    await detail.show(created.id);
  }, notices.schedule);
}

// ---- start ----

async function start() {
  i18n.extend(CONSOLE_DICT);
  i18n.extend(SESSIONS_DICT);
  i18n.init();
  ['site', 'room', 'codes', 'schedule'].forEach((key) => {
    notices[key] = notice(byId(`${key}-notice`));
  });
  state.me = await boot(['BUREAU_ADMIN'], 'sessions.onlyBureau');
  if (!state.me) {
    return;
  }
  await loadOperationItems();
  byId('sessions-app').hidden = false;
  document.querySelectorAll('.tabs [role=tab]').forEach((tab) => tab.addEventListener('click', () => showTab(tab.dataset.panel)));
  byId('site-form').addEventListener('submit', createSite);
  byId('room-form').addEventListener('submit', createRoom);
  byId('codes-form').addEventListener('submit', issueCodes);
  byId('codes-print').addEventListener('click', () => window.print());
  byId('sites-refresh').addEventListener('click', () => busy(byId('sites-refresh'), loadSites, notices.codes));
  byId('sessions-refresh').addEventListener('click', () => busy(byId('sessions-refresh'), loadSessions, notices.schedule));
  byId('schedule-form').addEventListener('submit', schedule);
  byId('schedule-blueprint').addEventListener('change', blueprintChanged);
  byId('schedule-blueprint-text').addEventListener('input', blueprintChanged);
  byId('schedule-start').value = defaultStart();
  renderZone();

  detail.init({
    staffName: (id) => state.staffNames.get(id) || `#${id}`,
    sessionsChanged: async () => {
      await loadSessions();
    },
    selected: () => renderSessions(),
  });

  i18n.onChange(() => {
    rerenderNotices();
    renderSites();
    fillRoomSelects();
    renderCodes();
    renderSessions();
    renderProctors();
    renderBlueprints();
    renderZone();
    detail.rerender();
  });

  await Promise.all([loadSites(), loadSessions(), loadStaff(), loadBlueprints()]);
  const asked = Number(new URLSearchParams(window.location.search).get('session'));
  if (asked) {
    await detail.show(asked);
  }
}

start().catch((error) => notice(byId('page-error')).error(error));
