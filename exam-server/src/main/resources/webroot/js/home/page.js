// Role home page: what this role does here, with links to its pages; the audit check for auditors.
import * as i18n from '../lib/i18n.js';
import { auditCheck } from '../audit/check.js';
import { signedIn } from '../lib/page-header.js';

const KNOWN_ROLES = ['BUREAU_ADMIN', 'PROCTOR', 'INSTITUTION', 'AUDITOR'];

const el = (id) => document.getElementById(id);
const pageError = el('page-error');
const roleHome = el('role-home');

// State kept so that a language switch can re-render everything the script wrote.
let me = null;
let pageErrorState = null;

function renderPageError() {
  pageError.textContent = pageErrorState ? pageErrorState.localizedMessage() : '';
  pageError.hidden = !pageErrorState;
}

function renderMe() {
  if (!me) {
    return;
  }
  const role = KNOWN_ROLES.includes(me.role) ? me.role : 'UNKNOWN';
  el('role-heading').textContent = i18n.t(`home.${role}.heading`);
  el('role-text').textContent = i18n.t(`home.${role}.text`);
}

async function load() {
  try {
    me = await signedIn();
  } catch (error) {
    pageErrorState = error;
    renderPageError();
    return;
  }
  if (!me) {
    return;
  }
  renderMe();
  roleHome.dataset.role = me.role;
  el('audit-panel').hidden = me.role !== 'AUDITOR';
  el('auditor-links').hidden = me.role !== 'AUDITOR';
  el('bureau-links').hidden = me.role !== 'BUREAU_ADMIN';
  el('institution-links').hidden = me.role !== 'INSTITUTION';
  roleHome.hidden = false;
}

i18n.init();
i18n.onChange(() => {
  renderMe();
  renderPageError();
});
auditCheck(el('verify-audit'), el('audit-result'));
load();
