// The auditor's page: the audit chain check, and the audit entries, newest first, filtered by time
// range, actor, action and target (the server filters and pages; a bad filter comes back as its
// error, in the page's language).
import * as i18n from '../lib/i18n.js';
import { get } from '../lib/api.js';
import { AUDIT_DICT } from './i18n.js';
import { auditCheck } from './check.js';
import { asApiError, signedInAs } from '../lib/page-header.js';
import { byId, h } from '../lib/dom.js';
import { formatDateTime, fromSiteInput } from '../lib/datetime.js';

let pageError = null;
let filter = new URLSearchParams();
// The cursor of each page shown so far: [null] is the newest page; going to older pages pushes.
let cursors = [null];
let page = null; // { entries, hasMore, next }
const seenActions = new Set();

function renderPageError() {
  const box = byId('page-error');
  box.hidden = !pageError;
  box.textContent = !pageError ? '' : pageError.key ? i18n.t(pageError.key) : pageError.localizedMessage();
}

/** A role's name in the page's language; roles the pages do not name (SYSTEM, NONE) as they are. */
function roleName(role) {
  const key = `role.${role}`;
  return i18n.t(key) === key ? role : i18n.t(key);
}

function renderEntries() {
  if (!page) {
    return;
  }
  byId('audit-rows').replaceChildren(...(page.entries.length ? page.entries.map((e) => h('tr', { dataset: { seq: e.seq, action: e.action } },
    h('td', { class: 'num', text: e.seq }),
    h('td', { text: formatDateTime(e.occurredAt, { seconds: true }), title: e.occurredAt }),
    h('td', { text: `${e.actor} · ${roleName(e.actorRole)}` }),
    h('td', {}, h('code', { text: e.action })),
    h('td', {}, h('code', { text: e.target })),
    h('td', { class: 'audit-details' }, h('code', { text: JSON.stringify(e.details), title: `SM3 ${e.hash} · ${e.requestId}` }))))
    : [h('tr', { class: 'empty-row' }, h('td', { colspan: 6, text: i18n.t('auditPage.none') }))]));
  byId('page-label').textContent = i18n.t('auditPage.page', { page: cursors.length, count: page.entries.length });
  byId('page-newer').disabled = cursors.length === 1;
  byId('page-older').disabled = !page.hasMore;
  byId('known-actions').replaceChildren(...[...seenActions].sort().map((a) => h('option', { value: a })));
}

async function show() {
  const query = new URLSearchParams(filter);
  query.set('order', 'desc');
  const cursor = cursors[cursors.length - 1];
  if (cursor != null) {
    query.set('before', cursor);
  }
  try {
    page = await get(`/api/audit/entries?${query}`);
    page.entries.forEach((e) => seenActions.add(e.action));
    pageError = null;
  } catch (error) {
    pageError = asApiError(error);
  }
  renderPageError();
  renderEntries();
}

/** The filter as the API takes it: the pickers' times, on the site's clock, become instants. */
function readFilter() {
  const query = new URLSearchParams({ limit: byId('filter-size').value });
  [['from', 'filter-from'], ['to', 'filter-to']].forEach(([name, id]) => {
    const instant = fromSiteInput(byId(id).value);
    if (instant) {
      query.set(name, instant);
    }
  });
  [['actor', 'filter-actor'], ['action', 'filter-action'], ['target', 'filter-target']].forEach(([name, id]) => {
    if (byId(id).value.trim()) {
      query.set(name, byId(id).value.trim());
    }
  });
  return query;
}

function search() {
  filter = readFilter();
  cursors = [null];
  show();
}

async function start() {
  i18n.extend(AUDIT_DICT);
  i18n.init();
  try {
    if (!await signedInAs(['AUDITOR'], 'auditPage.onlyAuditor')) {
      return;
    }
  } catch (error) {
    pageError = error;
    renderPageError();
    return;
  }
  byId('audit-app').hidden = false;
  auditCheck(byId('verify-audit'), byId('audit-result'));
  byId('audit-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  // After the browser has emptied the fields.
  byId('audit-filter').addEventListener('reset', () => setTimeout(search));
  byId('page-older').addEventListener('click', () => {
    cursors.push(page.next);
    show();
  });
  byId('page-newer').addEventListener('click', () => {
    cursors.pop();
    show();
  });
  i18n.onChange(() => {
    renderPageError();
    renderEntries();
  });
  search();
}

start();
