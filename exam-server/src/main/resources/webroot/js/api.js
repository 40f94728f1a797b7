// Fetch wrapper for the exam server's JSON API.
// - sends and receives JSON, with the session cookie (credentials: same-origin);
// - adds X-CSRF-Token on every non-GET request, from sessionStorage "examhall.csrf"
//   (set from the csrfToken that login and /api/auth/me return);
// - turns the server's error format {"code", "message": {"zh", "en"}, "requestId"} into an ApiError.

import { paren, pick, t, tIn } from './i18n.js';

const CSRF_KEY = 'examhall.csrf';
const CSRF_HEADER = 'X-CSRF-Token';

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the server could not be reached
   * @param {string} code stable machine-readable code, e.g. INVALID_CREDENTIALS
   * @param {{zh: string, en: string}} messages the message in both languages
   * @param {string|null} requestId the server's request id, for support
   */
  constructor(status, code, messages, requestId) {
    super(pick(messages) || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.requestId = requestId;
  }

  /** The message in the current language (call again after a language switch). */
  localizedMessage() {
    const text = pick(this.messages) || this.code;
    if (this.status >= 500 && this.requestId) {
      return paren(text, t('error.requestId', { requestId: this.requestId }));
    }
    return text;
  }
}

function bothLanguages(key, params) {
  return { zh: tIn('zh', key, params), en: tIn('en', key, params) };
}

export function csrfToken() {
  try {
    return sessionStorage.getItem(CSRF_KEY);
  } catch (e) {
    return null;
  }
}

export function setCsrfToken(token) {
  try {
    if (token) {
      sessionStorage.setItem(CSRF_KEY, token);
    } else {
      sessionStorage.removeItem(CSRF_KEY);
    }
  } catch (e) {
    // sessionStorage disabled: non-GET requests will then be refused by the server
  }
}

async function readJson(response) {
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    return undefined;
  }
}

/**
 * Sends one request. Resolves with the parsed JSON body (null for 204 or an empty body);
 * rejects with an ApiError.
 */
export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) {
      headers[CSRF_HEADER] = token;
    }
  }

  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', bothLanguages('error.network'), null);
  }

  const json = await readJson(response);
  if (response.ok) {
    if (json === undefined) {
      throw new ApiError(response.status, 'UNEXPECTED_RESPONSE',
        bothLanguages('error.unexpected', { status: response.status }), null);
    }
    return json;
  }
  if (json && typeof json.code === 'string' && json.message && typeof json.message === 'object') {
    const error = new ApiError(response.status, json.code, json.message, json.requestId ?? null);
    // The whole body: some errors carry more, e.g. the problems of a refused edit.
    error.body = json;
    throw error;
  }
  throw new ApiError(response.status, `HTTP_${response.status}`,
    bothLanguages('error.unexpected', { status: response.status }), null);
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);
