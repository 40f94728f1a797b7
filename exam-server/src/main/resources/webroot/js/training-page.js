// What the training pages (institution.html, institutions.html) share: the page error in the current
// language, actions that reload the page's data afterwards, start-up after the sign-in check, and
// how a time is shown.
import * as i18n from './i18n.js';
import { byId } from './dom.js';
import { asApiError, signedIn } from './page-header.js';

/** An ISO instant as local date and time in the page's language. */
export const when = (iso) => (iso ? new Date(iso).toLocaleString(i18n.lang() === 'zh' ? 'zh-CN' : 'en-GB',
  { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '');

/**
 * Starts a page: load() fetches and renders its data, render() redraws it (after a language switch).
 * Returns act(work, form), which runs work, shows its error if it fails, and otherwise empties the
 * form (when given) and reloads.
 */
export function startPage({ load, render }) {
  let errorState = null;
  const showError = (error) => {
    errorState = asApiError(error);
    byId('page-error').textContent = errorState.localizedMessage();
    byId('page-error').hidden = false;
  };
  // A form whose record was stored is emptied, so a shared screen does not keep a trainee's ID number.
  const act = async (work, form) => {
    errorState = null;
    byId('page-error').hidden = true;
    try {
      await work();
      if (form) {
        form.reset();
      }
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
