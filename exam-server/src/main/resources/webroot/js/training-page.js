// What the training pages (institution.html, institutions.html) share: the page error in the current
// language, actions that reload the page's data afterwards, and start-up after the sign-in check.
import * as i18n from './i18n.js';
import { byId } from './dom.js';
import { asApiError, signedIn } from './page-header.js';

/**
 * Starts a page: load() fetches and renders its data, render() redraws it (after a language switch).
 * Returns act(work), which runs work, shows its error if it fails, and reloads otherwise.
 */
export function startPage({ load, render }) {
  let errorState = null;
  const showError = (error) => {
    errorState = asApiError(error);
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
  signedIn().then((me) => me && load()).catch(showError);
  return act;
}
