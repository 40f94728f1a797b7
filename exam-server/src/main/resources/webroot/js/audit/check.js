// The audit chain check (GET /api/audit/verify) with its result, as the auditor's home and audit pages show it.
import * as i18n from '../lib/i18n.js';
import { ApiError, get } from '../lib/api.js';
import { asApiError, goToLogin } from '../lib/page-header.js';

/** Wires the button to run the check and show its outcome in resultBox, redrawn after a language switch. */
export function auditCheck(button, resultBox) {
  let outcome = null; // { result } or { error }

  function render() {
    resultBox.replaceChildren();
    resultBox.classList.remove('ok', 'broken', 'failed');
    if (!outcome) {
      return;
    }
    const summary = document.createElement('p');
    summary.className = 'summary';
    if (outcome.error) {
      resultBox.classList.add('failed');
      summary.textContent = outcome.error.localizedMessage();
      resultBox.append(summary);
      return;
    }
    const result = outcome.result || {};
    if (result.ok === true) {
      resultBox.classList.add('ok');
      summary.textContent = i18n.t('audit.ok', { checked: result.checked ?? 0 });
    } else {
      resultBox.classList.add('broken');
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
    resultBox.append(summary, raw);
  }

  function setBusy(busy) {
    button.disabled = busy;
    button.dataset.i18n = busy ? 'audit.verifying' : 'audit.verify';
    button.textContent = i18n.t(button.dataset.i18n);
  }

  async function verify() {
    setBusy(true);
    outcome = null;
    render();
    try {
      outcome = { result: await get('/api/audit/verify') };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        goToLogin();
        return;
      }
      outcome = { error: asApiError(error) };
    } finally {
      setBusy(false);
    }
    render();
  }

  button.addEventListener('click', verify);
  i18n.onChange(render);
}
