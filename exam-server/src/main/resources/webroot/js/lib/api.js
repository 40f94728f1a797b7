// Fetch wrapper for the exam server's JSON API.
// - sends and receives JSON, with the session cookie (credentials: same-origin);
// - adds X-CSRF-Token on every non-GET request, from sessionStorage "examhall.csrf"
//   (set from the csrfToken that login and /api/auth/me return);
// - turns the server's error format {"code", "message": {"zh", "en"}, "requestId"} into an ApiError
//   (lib/http.js, shared with the terminal's client).

import { ApiError, bothLanguages, exchange, failure } from './http.js';

export { ApiError } from './http.js';

const CSRF_KEY = 'examhall.csrf';
const CSRF_HEADER = 'X-CSRF-Token';

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

  const { response, json } = await exchange(path, init);
  if (!response.ok) {
    throw failure(response, json);
  }
  if (json === undefined) {
    throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', bothLanguages('error.unexpected', { status: response.status }), null);
  }
  return json;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);

/**
 * POSTs a file as the raw body (no Base64, so the whole body limit is available for the file);
 * query carries the settings. Resolves with the JSON answer, rejects with an ApiError.
 */
export async function upload(path, file) {
  const { response, json } = await exchange(path, {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json', 'X-CSRF-Token': csrfToken() || '' },
    body: file,
  });
  if (response.ok && json) {
    return json;
  }
  throw failure(response, json);
}
