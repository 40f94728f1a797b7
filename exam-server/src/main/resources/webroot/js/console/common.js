// What the proctor console (console.html) and the bureau's sessions page (sessions.html) share:
// the signed-in check with the role each page needs, dom.js's helpers, error and notice display
// that follows the language switch, and time formatting.
import * as i18n from '../lib/i18n.js';
import { ApiError, request } from '../lib/api.js';
import { byId } from '../lib/dom.js';
import { asApiError, signedInAs } from '../lib/page-header.js';
import { setBusy } from '../lib/busy.js';
import { clockText } from '../lib/format.js';
import { paintNotice } from '../lib/notice.js';

export { asApiError } from '../lib/page-header.js';
export { byId, h } from '../lib/dom.js';

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body ?? {}),
};

export const t = (key, params) => i18n.t(key, params);

// ---- messages that follow the language switch ----

const liveTexts = new Set();

/**
 * A message box whose text is produced again after a language switch. show(producer, kind) takes a
 * function returning the text (or a translation key, or an ApiError); kind: '' (info), 'ok', 'bad',
 * 'wait'. clear() hides it.
 */
export function notice(box) {
  const state = { producer: null, kind: '' };
  const render = () => {
    paintNotice(box, state.producer ? state.producer() : '', state.kind);
  };
  liveTexts.add(render);
  return {
    show(what, kind = '') {
      state.producer = typeof what === 'function' ? what
        : what instanceof ApiError ? () => what.localizedMessage()
          : () => i18n.t(what);
      state.kind = kind;
      render();
    },
    error(error) {
      const apiError = asApiError(error);
      this.show(() => apiError.localizedMessage(), 'bad');
    },
    clear() {
      state.producer = null;
      state.kind = '';
      render();
    },
  };
}

/** Runs fn with the button disabled; errors go to the notice (if given) and are not rethrown. */
export async function busy(button, fn, box) {
  if (button) {
    setBusy(button, true);
  }
  try {
    return await fn();
  } catch (error) {
    if (box) {
      box.error(error);
    } else {
      throw error;
    }
    return undefined;
  } finally {
    if (button) {
      setBusy(button, false);
    }
  }
}

/** Re-renders every notice after a language switch. */
export function rerenderNotices() {
  liveTexts.forEach((render) => render());
}

// ---- signed-in page bootstrap ----

/**
 * Checks the sign-in (the shared top bar then shows who it is) and returns the signed-in staff
 * member, or null when the page cannot continue (the error is shown in #page-error).
 */
export async function boot(allowedRoles, onlyKey) {
  const pageError = notice(byId('page-error'));
  try {
    return await signedInAs(allowedRoles, onlyKey);
  } catch (error) {
    if (error.key) {
      pageError.show(error.key, 'bad');
    } else {
      pageError.error(error);
    }
    return null;
  }
}

// ---- formatting ----

/** 3725000 → "1:02:05", 59000 → "0:59". */
export function fmtDuration(ms) {
  return clockText(Math.floor(ms / 1000), false);
}

/** How long ago an instant was, short: "5 秒前" / "5 s ago". */
export function fmtAgo(iso, now = Date.now()) {
  if (!iso) {
    return '';
  }
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) {
    return i18n.t('time.secondsAgo', { n: seconds });
  }
  if (seconds < 3600) {
    return i18n.t('time.minutesAgo', { n: Math.floor(seconds / 60) });
  }
  return i18n.t('time.hoursAgo', { n: Math.floor(seconds / 3600) });
}

/** Base64 of an image for an <img src>: JPEG or PNG judged by its first bytes. */
export function imageDataUrl(base64) {
  if (!base64) {
    return null;
  }
  const type = base64.startsWith('iVBOR') ? 'image/png' : 'image/jpeg';
  return `data:${type};base64,${base64}`;
}

/** Reads a File as Base64 (no data: prefix). */
export function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.substring(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export const SESSION_STATES = ['SCHEDULED', 'CHECK_IN', 'RUNNING', 'CLOSED', 'SCORED'];

/** The next state a session may move to, or null. */
export function nextState(state) {
  const index = SESSION_STATES.indexOf(state);
  return index >= 0 && index < SESSION_STATES.length - 1 ? SESSION_STATES[index + 1] : null;
}
