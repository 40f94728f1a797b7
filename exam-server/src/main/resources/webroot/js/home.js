// Role home page: what this role does here, with links to its pages; the audit check for auditors.
import * as i18n from './i18n.js';
import { ApiError, get } from './api.js';
import { asApiError, goToLogin, signedIn } from './page-header.js';

const KNOWN_ROLES = ['BUREAU_ADMIN', 'PROCTOR', 'INSTITUTION', 'AUDITOR'];

const el = (id) => document.getElementById(id);
const pageError = el('page-error');
const roleHome = el('role-home');
const verifyButton = el('verify-audit');
const auditResult = el('audit-result');

// State kept so that a language switch can re-render everything the script wrote.
let me = null;
let pageErrorState = null;
let auditState = null; // { result } or { error }

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

function renderAudit() {
  auditResult.replaceChildren();
  auditResult.classList.remove('ok', 'broken', 'failed');
  if (!auditState) {
    return;
  }
  const summary = document.createElement('p');
  summary.className = 'summary';
  if (auditState.error) {
    auditResult.classList.add('failed');
    summary.textContent = auditState.error.localizedMessage();
    auditResult.append(summary);
    return;
  }
  const result = auditState.result || {};
  if (result.ok === true) {
    auditResult.classList.add('ok');
    summary.textContent = i18n.t('audit.ok', { checked: result.checked ?? 0 });
  } else {
    auditResult.classList.add('broken');
    const broken = result.firstBroken || {};
    summary.textContent = i18n.t('audit.broken', {
      seq: broken.seq ?? '?',
      checked: result.checked ?? 0,
      reason: broken.reason ?? '',
    });
  }
  const raw = document.createElement('p');
  raw.className = 'raw';
  const label = document.createElement('span');
  label.textContent = `${i18n.t('audit.raw')} `;
  const code = document.createElement('code');
  code.textContent = JSON.stringify(result);
  raw.append(label, code);
  auditResult.append(summary, raw);
}

function setButtonBusy(button, busy, busyKey, idleKey) {
  button.disabled = busy;
  button.dataset.i18n = busy ? busyKey : idleKey;
  button.textContent = i18n.t(button.dataset.i18n);
}

async function verifyAudit() {
  setButtonBusy(verifyButton, true, 'audit.verifying', 'audit.verify');
  auditState = null;
  renderAudit();
  try {
    auditState = { result: await get('/api/audit/verify') };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      goToLogin();
      return;
    }
    auditState = { error: asApiError(error) };
  } finally {
    setButtonBusy(verifyButton, false, 'audit.verifying', 'audit.verify');
  }
  renderAudit();
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
  el('bureau-links').hidden = me.role !== 'BUREAU_ADMIN';
  el('institution-links').hidden = me.role !== 'INSTITUTION';
  roleHome.hidden = false;
}

i18n.init();
i18n.onChange(() => {
  renderMe();
  renderPageError();
  renderAudit();
});
verifyButton.addEventListener('click', verifyAudit);
load();
