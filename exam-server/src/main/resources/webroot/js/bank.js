// The question-bank page for bureau administrators: sign-in check, tabs, and the four parts.
import * as i18n from './i18n.js';
import { ApiError, get, post, setCsrfToken } from './api.js';
import { BANK_DICT } from './bank-i18n.js';
import { byId } from './dom.js';
import { asApiError, fillCategorySelects, goToLogin, loadCategories, shared } from './bank-common.js';
import * as imports from './bank-import.js';
import * as questions from './bank-questions.js';
import * as blueprints from './bank-blueprints.js';
import * as statistics from './bank-stats.js';

let me = null;
let pageError = null;
let bankVersion = null;

const activators = {
  'panel-import': () => {},
  'panel-questions': () => questions.load(),
  'panel-blueprints': () => blueprints.activate(),
  'panel-stats': () => statistics.load(),
};

function showTab(panelId) {
  document.querySelectorAll('.tabs [role=tab]').forEach((tab) => {
    const selected = tab.dataset.panel === panelId;
    tab.setAttribute('aria-selected', String(selected));
    byId(tab.dataset.panel).hidden = !selected;
  });
  activators[panelId]();
}

function renderHeader() {
  if (me) {
    byId('user-name').textContent = me.displayName || me.username;
    byId('user-role').textContent = i18n.t(`role.${me.role}`);
  }
  byId('bank-version').textContent = bankVersion === null ? '' : i18n.t('bank.version', { version: bankVersion });
  const error = byId('page-error');
  error.hidden = !pageError;
  error.textContent = !pageError ? '' : pageError.key ? i18n.t(pageError.key) : pageError.localizedMessage();
}

async function logout() {
  try {
    await post('/api/auth/logout');
  } catch (e) {
    // signed out already
  }
  goToLogin();
}

async function load() {
  try {
    me = await get('/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      goToLogin();
      return;
    }
    pageError = asApiError(error);
    byId('loading').hidden = true;
    renderHeader();
    return;
  }
  setCsrfToken(me.csrfToken);
  byId('user-box').hidden = false;
  byId('logout-button').hidden = false;
  byId('loading').hidden = true;
  if (me.role !== 'BUREAU_ADMIN') {
    pageError = { key: 'bank.onlyBureau' };
    renderHeader();
    return;
  }
  try {
    await loadCategories();
  } catch (error) {
    pageError = asApiError(error);
    renderHeader();
    return;
  }
  renderHeader();
  byId('bank-app').hidden = false;
  imports.init((importId) => {
    questions.filterImport(importId);
    showTab('panel-questions');
  });
  questions.init();
  blueprints.init();
  statistics.init();
  document.querySelectorAll('.tabs [role=tab]').forEach((tab) => {
    tab.addEventListener('click', () => showTab(tab.dataset.panel));
  });
  statistics.load();
}

shared.listeners.push((version) => {
  if (bankVersion === null || version > bankVersion) {
    bankVersion = version;
    renderHeader();
  }
});

i18n.extend(BANK_DICT);
i18n.init();
i18n.onChange(() => {
  renderHeader();
  fillCategorySelects();
  imports.rerender();
  questions.rerender();
  blueprints.rerender();
  statistics.rerender();
});
byId('logout-button').addEventListener('click', logout);
load();
