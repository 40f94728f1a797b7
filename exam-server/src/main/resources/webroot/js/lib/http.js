// The HTTP core every API client of the pages shares (api.js for staff pages, terminal/api.js for
// the exam-room terminal, the bank's file upload): one fetch, its JSON body, and the server's error
// format {"code", "message": {"zh", "en"}, "requestId"} as an ApiError. Each client adds its own
// headers, credentials and rules for what a good answer is.

import { paren, pick, t, tIn } from './i18n.js';

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

/** A page text in both languages, as the server's messages come. */
export function bothLanguages(key, params) {
  return { zh: tIn('zh', key, params), en: tIn('en', key, params) };
}

/**
 * Sends one request and reads the whole answer. Resolves with {response, json}: json is null for an
 * empty body and undefined for one that is not JSON. Rejects with an ApiError of status 0
 * (NETWORK_ERROR) when no answer came (or it was aborted).
 */
export async function exchange(path, init) {
  let response;
  let text;
  try {
    response = await fetch(path, init);
    text = await response.text();
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', bothLanguages('error.network'), null);
  }
  if (!text) {
    return { response, json: null };
  }
  try {
    return { response, json: JSON.parse(text) };
  } catch (e) {
    return { response, json: undefined };
  }
}

/**
 * The ApiError for an answer that is not a success: the server's own error (with the whole body,
 * since some errors carry more, e.g. the problems of a refused edit), or HTTP_<status> for anything
 * else (a proxy's error page, say).
 */
export function failure(response, json) {
  if (json && typeof json.code === 'string' && json.message && typeof json.message === 'object') {
    const error = new ApiError(response.status, json.code, json.message, json.requestId ?? null);
    error.body = json;
    return error;
  }
  return new ApiError(response.status, `HTTP_${response.status}`, bothLanguages('error.unexpected', { status: response.status }), null);
}
