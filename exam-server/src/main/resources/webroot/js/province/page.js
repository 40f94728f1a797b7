// The provincial connector page for bureau administrators: the delivery queue (refreshed every
// 5 seconds), sending a refused package again, publishing a session (after a confirmation: it cannot
// be undone), pulling registrations; sessions are picked from those in the state each action needs.
import * as i18n from '../lib/i18n.js';
import { ApiError, get, post } from '../lib/api.js';
import { PROVINCE_DICT } from './i18n.js';
import { byId, h } from '../lib/dom.js';
import { asApiError, signedInAs } from '../lib/page-header.js';
import { formatDateTime, formatTime } from '../lib/datetime.js';

const STATUSES = ['PENDING', 'FAILING', 'REJECTED', 'DELIVERED'];

let pageError = null;
let queue = null;
let updatedAt = null;
let publishState = null; // { result } or { error }
let pullState = null;
let sessions = [];
let timer = null;

function renderPageError() {
  const error = byId('page-error');
  error.hidden = !pageError;
  error.textContent = !pageError ? '' : pageError.key ? i18n.t(pageError.key) : pageError.localizedMessage();
}

function renderQueue() {
  if (!queue) {
    return;
  }
  const counts = queue.counts || {};
  byId('counts').replaceChildren(
    ...STATUSES.map((s) => h('div', { class: `count ${s}` }, h('strong', { text: counts[s] ?? 0 }), i18n.t(`province.status.${s}`))),
    h('div', { class: 'count' }, h('strong', { text: counts.total ?? 0 }), i18n.t('province.total')));
  const rows = (queue.items || []).map((item) => h('tr', {},
    h('td', { text: item.id }),
    h('td', {}, `#${item.sessionId}`, h('span', { class: 'muted small session-start', text: ` ${formatDateTime(item.sessionStartsAt)}` })),
    h('td', { text: item.fullName }),
    h('td', { text: item.idNumberMasked }),
    h('td', { text: i18n.t(`province.outcome.${item.outcome}`) }),
    h('td', { class: 'version', text: item.supersedes ? i18n.t('province.supersedes', { version: item.version, previous: item.supersedes })
      : `v${item.version}` }),
    h('td', {}, h('span', { class: `status ${item.status}`, text: i18n.t(`province.status.${item.status}`) })),
    h('td', { text: item.attempts }),
    h('td', { text: item.status === 'DELIVERED' || item.status === 'REJECTED' ? '' : formatDateTime(item.nextAttemptAt, { seconds: true }) }),
    h('td', { class: 'error-text', text: item.lastError || '' }),
    h('td', {}, formatDateTime(item.deliveredAt, { seconds: true }), item.receiptDuplicate ? h('span', { class: 'muted small', text: ` ${i18n.t('province.duplicate')}` }) : ''),
    h('td', {}, item.status === 'FAILING' || item.status === 'REJECTED'
      ? h('button', { type: 'button', class: 'secondary', text: i18n.t('province.retry'), onClick: () => retry(item.id) })
      : '')));
  byId('items').replaceChildren(...rows);
  byId('empty').hidden = rows.length > 0;
  byId('updated').textContent = updatedAt ? i18n.t('province.updated', { time: formatTime(updatedAt) }) : '';
}

function renderResult(id, state, describe) {
  const out = byId(id);
  out.classList.toggle('failed', Boolean(state && state.error));
  out.textContent = !state ? '' : state.error ? state.error.localizedMessage() : describe(state.result);
}

function renderForms() {
  renderResult('publish-result', publishState, (r) => i18n.t('province.published', {
    packages: r.packages, submitted: r.outcomes.SUBMITTED, voided: r.outcomes.VOIDED, absent: r.outcomes.ABSENT,
  }));
  renderResult('pull-result', pullState, (r) => i18n.t('province.pulled', {
    fetched: r.fetched, imported: r.imported.length, skipped: r.skipped.length,
  }));
}

async function refresh() {
  const status = byId('status-filter').value;
  try {
    queue = await get(`/api/province/outbox${status ? `?status=${encodeURIComponent(status)}` : ''}`);
    updatedAt = new Date();
    pageError = null;
  } catch (error) {
    pageError = asApiError(error);
  }
  renderPageError();
  renderQueue();
}

async function retry(id) {
  try {
    await post(`/api/province/outbox/${id}/retry`);
  } catch (error) {
    pageError = asApiError(error);
    renderPageError();
  }
  refresh();
}

// Which sessions each picker offers: results are published once, after the scores are confirmed;
// registrations join a session only before its seats are drawn.
const PICKABLE = {
  'publish-session': (s) => s.state === 'SCORED' && !s.publishedAt,
  'pull-session': (s) => s.state === 'SCHEDULED',
};

/** Fills each session picker with the sessions it offers, keeping the choice. */
function renderPickers() {
  Object.entries(PICKABLE).forEach(([id, pickable]) => {
    const picker = byId(id);
    const keep = picker.value;
    const fitting = sessions.filter(pickable);
    picker.replaceChildren(...(fitting.length
      ? fitting.map((s) => h('option', { value: s.id, text: `${s.title} · ${when(s.startsAt)} · ${s.roomName}` }))
      : [h('option', { value: '', disabled: true, text: i18n.t('province.noSessions') })]));
    if (fitting.some((s) => String(s.id) === keep)) {
      picker.value = keep;
    }
  });
}

async function loadSessions() {
  sessions = (await get('/api/sessions')).sessions;
  renderPickers();
}

const sessionOf = (picker) => sessions.find((s) => String(s.id) === byId(picker).value);

function confirmPublish(session) {
  return window.confirm(i18n.t('province.confirmPublish', { title: session.title }));
}

async function submit(event, picker, call, setState, confirmed = () => true) {
  event.preventDefault();
  const session = sessionOf(picker);
  if (session && !confirmed(session)) {
    return;
  }
  const sessionId = session && session.id;
  if (!sessionId) {
    setState({ error: new ApiError(0, 'CLIENT_ERROR', { zh: i18n.tIn('zh', 'province.sessionMissing'), en: i18n.tIn('en', 'province.sessionMissing') }, null) });
  } else {
    try {
      setState({ result: await call(sessionId) });
    } catch (error) {
      setState({ error: asApiError(error) });
    }
  }
  renderForms();
  refresh();
  loadSessions().catch((error) => {
    pageError = asApiError(error);
    renderPageError();
  });
}

async function load() {
  try {
    if (!await signedInAs(['BUREAU_ADMIN'], 'province.onlyBureau')) {
      return;
    }
  } catch (error) {
    pageError = error;
    renderPageError();
    return;
  }
  renderPageError();
  byId('province-app').hidden = false;
  byId('status-filter').addEventListener('change', refresh);
  byId('refresh').addEventListener('click', refresh);
  byId('publish-form').addEventListener('submit', (event) => submit(event, 'publish-session',
    (id) => post(`/api/sessions/${id}/publish`), (s) => { publishState = s; }, confirmPublish));
  byId('pull-form').addEventListener('submit', (event) => submit(event, 'pull-session',
    (id) => post('/api/province/registrations/pull', { sessionId: id }), (s) => { pullState = s; }));
  await Promise.all([refresh(), loadSessions()]);
  timer = setInterval(refresh, 5000);
}

i18n.extend(PROVINCE_DICT);
i18n.init();
i18n.onChange(() => {
  renderPageError();
  renderQueue();
  renderForms();
  renderPickers();
});
window.addEventListener('pagehide', () => clearInterval(timer));
load();
