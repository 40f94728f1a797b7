// The top bar every staff page shares: the brand, who is signed in, the language switch and sign-out,
// and the sign-in check behind it. A page holds only <header class="topbar"></header>; options are
// data attributes on it: data-tagline (translation key of the text beside the brand, app.tagline
// when absent), data-user-label (show "signed in as" before the name), data-anonymous (no user part:
// the sign-in page). Importing this module builds the bar, so the page's own script (evaluated after
// its imports) finds the bar's ids, and its i18n.init() translates the bar and wires its language buttons.
import * as i18n from './i18n.js';
import { ApiError, get, post, setCsrfToken } from './api.js';
import { byId, h } from './dom.js';

function buildTopbar(header) {
  const languages = h('div', { class: 'lang-switch', role: 'group', 'data-i18n-aria-label': 'lang.switch' },
    h('button', { type: 'button', id: 'lang-zh', 'data-lang': 'zh', 'aria-pressed': 'true' }, i18n.tIn('zh', 'lang.zh')),
    h('button', { type: 'button', id: 'lang-en', 'data-lang': 'en', 'aria-pressed': 'false', lang: 'en' }, i18n.tIn('en', 'lang.en')));
  const right = h('div', { class: 'topbar-right' });
  if (header.dataset.anonymous === undefined) {
    right.append(
      h('div', { id: 'user-box', class: 'user-box', hidden: true },
        header.dataset.userLabel === undefined ? null : h('span', { class: 'user-label', 'data-i18n': 'home.signedInAs' }),
        h('span', { id: 'user-name', class: 'user-name' }),
        h('span', { id: 'user-role', class: 'role-badge' })),
      languages,
      h('button', { type: 'button', id: 'logout-button', class: 'secondary', 'data-i18n': 'home.logout', hidden: true }));
  } else {
    right.append(languages);
  }
  header.replaceChildren(
    h('div', { class: 'brand' },
      h('span', { class: 'brand-name', 'data-i18n': 'app.name' }),
      h('span', { class: 'brand-tagline', 'data-i18n': header.dataset.tagline || 'app.tagline' })),
    right);
}

// Only an empty bar: a page with a bar of its own (the terminal's kiosk bar) keeps it.
const topbar = document.querySelector('header.topbar:empty');
if (topbar) {
  buildTopbar(topbar);
}

export function goToLogin() {
  setCsrfToken(null);
  window.location.replace('/index.html');
}

/** Any failure as an ApiError; a 401 (session ended) sends the user to the sign-in page. */
export function asApiError(error) {
  if (error instanceof ApiError) {
    if (error.status === 401) {
      goToLogin();
    }
    return error;
  }
  return new ApiError(0, 'CLIENT_ERROR', { zh: String(error), en: String(error) }, null);
}

async function logout(button) {
  button.disabled = true;
  try {
    await post('/api/auth/logout');
  } catch (error) {
    // 401: the session had already ended, which is what signing out wants anyway.
    if (!(error instanceof ApiError && error.status === 401)) {
      button.disabled = false;
      byId('page-error').textContent = asApiError(error).localizedMessage();
      byId('page-error').hidden = false;
      return;
    }
  }
  goToLogin();
}

function showUser(me) {
  const roleKey = `role.${me.role}`;
  const role = i18n.t(roleKey);
  byId('user-name').textContent = me.displayName || me.username;
  byId('user-name').title = me.username;
  byId('user-role').textContent = role === roleKey ? me.role : role;
}

/**
 * Checks who is signed in, keeps their CSRF token and shows them in the bar with the sign-out
 * button. Resolves with the staff member, or null when nobody is (the page is then on its way to
 * the sign-in page); rejects with an ApiError when the check itself failed. Hides #loading either way.
 */
export async function signedIn() {
  let me;
  try {
    me = await get('/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      goToLogin();
      return null;
    }
    throw asApiError(error);
  } finally {
    const loading = byId('loading');
    if (loading) {
      loading.hidden = true;
    }
  }
  setCsrfToken(me.csrfToken);
  showUser(me);
  i18n.onChange(() => showUser(me));
  const logoutButton = byId('logout-button');
  logoutButton.addEventListener('click', () => logout(logoutButton));
  byId('user-box').hidden = false;
  logoutButton.hidden = false;
  return me;
}

/**
 * signedIn() for a page that only some roles may use: rejects with { key } (the page's translation
 * key saying who may use it) when the signed-in role is not one of them.
 */
export async function signedInAs(roles, onlyKey) {
  const me = await signedIn();
  if (me && !roles.includes(me.role)) {
    throw { key: onlyKey };
  }
  return me;
}
