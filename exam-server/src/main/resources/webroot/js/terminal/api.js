// The exam-room terminal's side of the protocol: the device credential (localStorage) and the
// candidate token (sessionStorage + localStorage), sent as headers on every call. Errors come back
// as ApiError: status 0 / NETWORK_ERROR when the server could not be reached (or did not answer in
// time), otherwise the server's {"code", "message": {"zh", "en"}, "requestId"}.

import { ApiError, bothLanguages, exchange, failure } from '../lib/http.js';

export const CREDENTIAL_KEY = 'examhall.terminal.credential';
export const TOKEN_KEY = 'examhall.terminal.candidateToken';
export const SITTING_KEY = 'examhall.terminal.sitting';

const CREDENTIAL_HEADER = 'X-Terminal-Credential';
const TOKEN_HEADER = 'X-Candidate-Token';
const TIMEOUT_MS = 15000;

function read(storage, key) {
  try {
    return storage.getItem(key);
  } catch (e) {
    return null;
  }
}

function write(storage, key, value) {
  try {
    if (value === null || value === undefined) {
      storage.removeItem(key);
    } else {
      storage.setItem(key, value);
    }
  } catch (e) {
    // storage disabled or full: the value lives in memory for this page only
  }
}

let memoryCredential = null;
let memoryToken = null;

export function credential() {
  return read(localStorage, CREDENTIAL_KEY) || memoryCredential;
}

export function setCredential(value) {
  memoryCredential = value;
  write(localStorage, CREDENTIAL_KEY, value);
}

export function candidateToken() {
  return read(sessionStorage, TOKEN_KEY) || read(localStorage, TOKEN_KEY) || memoryToken;
}

export function setCandidateToken(value) {
  memoryToken = value;
  write(sessionStorage, TOKEN_KEY, value);
  write(localStorage, TOKEN_KEY, value);
}

/** The sitting the stored token belongs to: {sittingId, fullName}, or null. */
export function storedSitting() {
  try {
    const value = JSON.parse(read(localStorage, SITTING_KEY) || 'null');
    return value && typeof value.sittingId === 'number' ? value : null;
  } catch (e) {
    return null;
  }
}

export function setStoredSitting(value) {
  write(localStorage, SITTING_KEY, value ? JSON.stringify(value) : null);
}

/** Forgets the candidate (token and sitting); the terminal's own credential stays. */
export function forgetCandidate() {
  memoryToken = null;
  write(sessionStorage, TOKEN_KEY, null);
  write(localStorage, TOKEN_KEY, null);
  setStoredSitting(null);
}

/** The request in flight, or the last one: the next waits for it to settle. */
let previous = Promise.resolve();

/**
 * Sends one request with the terminal's headers. Resolves with the parsed JSON (null for 204);
 * rejects with an ApiError. Requests go one at a time, so the browser keeps a single keep-alive
 * connection to the server: a heartbeat that overlapped an autosave made it open a second one,
 * and 10,000 terminals then held 20,000 connections (file descriptors) on the node.
 */
export function call(method, path, body) {
  return inTurn(() => send(method, path, body));
}

/**
 * An image the server lets the browser cache (the candidate's photo), as a Blob: fetched with the
 * terminal's headers, so it cannot be an <img> source itself. Rejects with an ApiError.
 */
export function image(path) {
  return inTurn(async () => {
    let response;
    let blob;
    try {
      response = await fetch(path, { headers: headersFor(path, 'image/*'), credentials: 'omit' });
      blob = await response.blob();
    } catch (e) {
      throw new ApiError(0, 'NETWORK_ERROR', bothLanguages('error.network'), null);
    }
    if (!response.ok) {
      throw failure(response, null);
    }
    return blob;
  });
}

function inTurn(task) {
  const turn = previous.then(task);
  previous = turn.catch(() => undefined);
  return turn;
}

function headersFor(path, accept) {
  const headers = { Accept: accept };
  const cred = credential();
  if (cred) {
    headers[CREDENTIAL_HEADER] = cred;
  }
  const token = candidateToken();
  if (token && path.startsWith('/api/exam/')) {
    headers[TOKEN_HEADER] = token;
  }
  return headers;
}

async function send(method, path, body) {
  const headers = headersFor(path, 'application/json');
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  init.signal = abort.signal;
  let answer;
  try {
    answer = await exchange(path, init);
  } finally {
    clearTimeout(timer);
  }
  const { response, json } = answer;
  if (response.ok && json !== undefined) {
    return json;
  }
  // Not the server's error format (a proxy's error page, say): 5xx ones are retried like outages.
  throw failure(response, json);
}

/** True for failures worth retrying with the same request: no answer, or a server-side error. */
export function transient(error) {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 429;
}
