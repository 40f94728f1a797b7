// What the training pages (institution.html, institutions.html) share: the page error in the current
// language, actions that reload the page's data afterwards, and start-up after the sign-in check.
import * as i18n from '../lib/i18n.js';
import { byId } from '../lib/dom.js';
import { asApiError, signedIn } from '../lib/page-header.js';
import { loadOperationItems } from '../lib/operation-items.js';

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
  // Operation items show by name on both training pages; the names arrive before the first drawing.
  signedIn().then((me) => me && loadOperationItems().then(load)).catch(showError);
  return act;
}
