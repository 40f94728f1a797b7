// The question-bank page for bureau administrators: sign-in check, tabs, and the four parts.
import * as i18n from '../lib/i18n.js';
import { BANK_DICT } from './i18n.js';
import { byId } from '../lib/dom.js';
import { asApiError, fillCategorySelects, loadCategories, shared } from './common.js';
import { signedInAs } from '../lib/page-header.js';
import * as imports from './import.js';
import * as questions from './questions.js';
import * as blueprints from './blueprints.js';
import * as statistics from './stats.js';
import { showTab as showPanel } from '../lib/tabs.js';

let pageError = null;
let bankVersion = null;

const activators = {
  'panel-import': () => {},
  'panel-questions': () => questions.load(),
  'panel-blueprints': () => blueprints.activate(),
  'panel-stats': () => statistics.load(),
};

function showTab(panelId) {
  showPanel(panelId);
  activators[panelId]();
}

function renderHeader() {
  byId('bank-version').textContent = bankVersion === null ? '' : i18n.t('bank.version', { version: bankVersion });
  const error = byId('page-error');
  error.hidden = !pageError;
  error.textContent = !pageError ? '' : pageError.key ? i18n.t(pageError.key) : pageError.localizedMessage();
}

async function load() {
  try {
    if (!await signedInAs(['BUREAU_ADMIN'], 'bank.onlyBureau')) {
      return;
    }
    await loadCategories();
  } catch (error) {
    pageError = error.key ? error : asApiError(error);
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
load();
