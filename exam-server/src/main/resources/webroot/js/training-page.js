// What the training pages (institution.html, institutions.html) share: the page error in the current
// language, actions that reload the page's data afterwards, and start-up (sign-in check, CSRF token).
import * as i18n from './i18n.js';
import { ApiError, get, setCsrfToken } from './api.js';
import { byId } from './dom.js';

/**
 * Starts a page: load() fetches and renders its data, render() redraws it (after a language switch).
 * Returns act(work), which runs work, shows its error if it fails, and reloads otherwise.
 */
export function startPage({ load, render }) {
  let errorState = null;
  const showError = (error) => {
    errorState = error instanceof ApiError ? error : new ApiError(0, 'CLIENT_ERROR', { zh: String(error), en: String(error) }, null);
    byId('page-error').textContent = errorState.localizedMessage();
    byId('page-error').hidden = false;
  };
  const act = async (work) => {
    errorState = null;
    byId('page-error').hidden = true;
    try {
      await work();
      await load();
    } catch (e) {
      showError(e);
    }
  };
  i18n.init();
  i18n.onChange(() => {
    render();
    if (errorState) {
      byId('page-error').textContent = errorState.localizedMessage();
    }
  });
  get('/api/auth/me').then((me) => {
    setCsrfToken(me.csrfToken);
    return load();
  }).catch((e) => {
    if (e instanceof ApiError && e.status === 401) {
      window.location.replace('/index.html');
      return;
    }
    showError(e);
  });
  return act;
}
