// Staff login page.
import * as i18n from '../lib/i18n.js';
import { ApiError, post, setCsrfToken } from '../lib/api.js';
// Imported for the top bar it builds.
import '../lib/page-header.js';

const form = document.getElementById('login-form');
const username = document.getElementById('username');
const password = document.getElementById('password');
const totp = document.getElementById('totp');
const errorBox = document.getElementById('login-error');
const button = document.getElementById('login-button');

// What the error area shows: an ApiError (server or network) or a client-side message key.
// Kept so that a language switch re-renders it in the new language.
let shownError = null;

function renderError() {
  if (!shownError) {
    errorBox.textContent = '';
    errorBox.hidden = true;
    return;
  }
  errorBox.textContent = shownError instanceof ApiError
    ? shownError.localizedMessage()
    : i18n.t(shownError.key);
  errorBox.hidden = false;
}

function showError(error) {
  shownError = error;
  renderError();
}

function setBusy(busy) {
  button.disabled = busy;
  button.dataset.i18n = busy ? 'login.submitting' : 'login.submit';
  button.textContent = i18n.t(button.dataset.i18n);
  form.setAttribute('aria-busy', String(busy));
}

function focusFor(code) {
  switch (code) {
    case 'TOTP_REQUIRED':
    case 'TOTP_INVALID':
      totp.value = '';
      totp.focus();
      break;
    case 'INVALID_CREDENTIALS':
      password.value = '';
      totp.value = '';
      password.focus();
      break;
    default:
      break;
  }
}

async function submit(event) {
  event.preventDefault();
  const user = username.value.trim();
  const code = totp.value.replace(/\s+/g, '');
  if (!user || !password.value) {
    showError({ key: 'login.missing' });
    (user ? password : username).focus();
    return;
  }
  if (code && !/^[0-9]{6}$/.test(code)) {
    showError({ key: 'login.totpFormat' });
    totp.focus();
    return;
  }

  const body = { username: user, password: password.value };
  if (code) {
    body.totp = code;
  }

  showError(null);
  setBusy(true);
  try {
    const me = await post('/api/auth/login', body);
    setCsrfToken(me && me.csrfToken);
    window.location.assign('/home.html');
  } catch (error) {
    setBusy(false);
    const shown = error instanceof ApiError ? error : new ApiError(0, 'CLIENT_ERROR',
      { zh: String(error), en: String(error) }, null);
    showError(shown);
    focusFor(shown.code);
  }
}

i18n.init();
i18n.onChange(() => {
  renderError();
  button.textContent = i18n.t(button.dataset.i18n);
});
form.addEventListener('submit', submit);
