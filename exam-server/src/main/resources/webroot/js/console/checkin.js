// The check-in desk at the room door: the ID number (typed, or from a card reader that types it and
// presses Enter) finds the candidate; the proctor compares the enrolled photo by eye and takes a
// snapshot from the webcam for the face comparison. After three failed comparisons only two
// different proctors together admit the candidate, as doubtful; a candidate with no enrolled photo
// goes that way at once, with the snapshot kept as the door photo that becomes the enrolled one.
import {
  api, asApiError, busy, byId, fileToBase64, h, imageDataUrl, notice, t,
} from './common.js';

const MAX_FACE_ATTEMPTS = 3;
const MAX_PHOTO_BYTES = 512 * 1024;

let ctx;
let deskNotice;
let doubtfulState;
let stream = null;
let candidate = null; // what identify returned, updated by the comparisons
let lastResult = null; // the last face comparison or doubtful confirmation

function openForCheckIn() {
  const session = ctx.session();
  return Boolean(session) && ['CHECK_IN', 'RUNNING'].includes(session.state) && ctx.isProctor();
}

export function render() {
  const card = byId('checkin-card');
  const open = openForCheckIn();
  card.hidden = !open;
  if (!open) {
    stopCamera();
  }
  // another proctor may have completed this candidate's admission meanwhile: the grid says so
  const seat = candidate ? ctx.seat(candidate.sittingId) : null;
  if (seat && candidate.status === 'REGISTERED' && seat.status !== 'ABSENT') {
    candidate.status = seat.status;
    candidate.seatNo = seat.seatNo;
    candidate.doubtful = Boolean(seat.doubtful);
    doubtfulState.clear();
    deskNotice.show(() => t('checkin.admittedElsewhere', {
      seat: candidate.seatNo, status: t(`status.${candidate.status}`),
    }), 'ok');
    renderCandidate();
  }
}

/** Called when the session's state changes. */
export function sessionChanged() {
  render();
}

export function reset() {
  candidate = null;
  lastResult = null;
  if (deskNotice) {
    deskNotice.clear();
    doubtfulState.clear();
    byId('checkin-candidate').hidden = true;
    byId('checkin-result').hidden = true;
    byId('checkin-id').value = '';
  }
}

function renderCandidate() {
  const box = byId('checkin-candidate');
  box.hidden = !candidate;
  if (!candidate) {
    return;
  }
  box.dataset.sittingId = candidate.sittingId;
  box.dataset.status = candidate.status;
  const photo = imageDataUrl(candidate.enrolledPhoto);
  const img = byId('checkin-enrolled');
  if (photo) {
    img.src = photo;
    img.alt = t('checkin.enrolledPhoto');
  } else {
    img.removeAttribute('src');
    img.alt = t('checkin.noPhoto');
  }
  const facts = [
    ['name', t('checkin.name'), candidate.fullName],
    ['idNumber', t('checkin.idNumber'), candidate.idNumberMasked],
    ['seat', t('checkin.seat'), candidate.seatNo ? t('seat.number', { n: candidate.seatNo }) : t('checkin.noSeat')],
    ['status', t('checkin.status'), t(`status.${candidate.status === 'REGISTERED' ? 'ABSENT' : candidate.status}`)],
    ['faceFailures', t('checkin.faceFailures'), t('checkin.attempts', { n: candidate.faceFailures || 0, max: MAX_FACE_ATTEMPTS })],
  ];
  if (candidate.doubtful) {
    facts.push(['doubtful', t('seat.f.flags'), t('badge.doubtful')]);
  }
  byId('checkin-facts').replaceChildren(...facts.flatMap(([key, label, value]) => [
    h('dt', {}, label), h('dd', { dataset: { fact: key } }, value)]));
  const waiting = candidate.status === 'REGISTERED';
  const exhausted = (candidate.faceFailures || 0) >= MAX_FACE_ATTEMPTS;
  const noPhoto = !candidate.enrolledPhoto;
  byId('checkin-no-photo').hidden = !(waiting && noPhoto);
  byId('checkin-snapshot').textContent = t(noPhoto ? 'checkin.snapshotDoor' : 'checkin.snapshot');
  byId('checkin-snapshot').disabled = !waiting || exhausted || !stream;
  byId('checkin-file').disabled = !waiting || exhausted;
  byId('checkin-camera').hidden = Boolean(stream);
  byId('checkin-doubtful').hidden = !(waiting && (exhausted || candidate.doorPhotoTaken));
  byId('checkin-doubtful-explain').textContent = t(noPhoto ? 'checkin.doubtfulExplainNoPhoto' : 'checkin.doubtfulExplain');
  renderResult();
}

function renderResult() {
  const box = byId('checkin-result');
  box.hidden = !lastResult;
  if (!lastResult) {
    return;
  }
  const result = lastResult;
  const face = result.face || {};
  const score = typeof face.score === 'number' ? face.score.toFixed(3) : '—';
  const threshold = typeof face.threshold === 'number' ? face.threshold.toFixed(3) : '—';
  box.dataset.match = String(Boolean(face.match));
  box.dataset.checkedIn = String(Boolean(result.checkedIn));
  box.className = `face-result ${result.checkedIn ? 'ok' : result.doorPhotoTaken ? 'wait' : 'bad'}`;
  const lines = [];
  if (result.face) {
    lines.push(h('p', { class: 'face-verdict' }, face.match
      ? t('checkin.match', { score, threshold })
      : t('checkin.mismatch', { score, threshold })));
    lines.push(h('p', { class: 'face-score' },
      h('span', { dataset: { score: face.score } }, t('checkin.score', { score })), ' · ',
      h('span', {}, t('checkin.threshold', { threshold })),
      face.method ? ` · ${face.method}` : ''));
  }
  if (result.doorPhotoTaken) {
    lines.push(h('p', { class: 'face-door' }, t('checkin.doorPhotoTaken')));
  }
  if (result.checkedIn) {
    lines.push(h('p', { class: 'face-bound' }, t(result.doubtful ? 'checkin.admittedDoubtful' : 'checkin.admitted', { seat: result.seatNo })));
  } else if (typeof result.faceFailures === 'number') {
    lines.push(h('p', {}, result.faceFailures >= MAX_FACE_ATTEMPTS
      ? t('checkin.exhausted') : t('checkin.tryAgain', { n: result.faceFailures, max: MAX_FACE_ATTEMPTS })));
  }
  box.replaceChildren(...lines);
}

export function rerender() {
  renderCandidate();
}

async function identify(event) {
  event.preventDefault();
  const input = byId('checkin-id');
  const idNumber = input.value.replace(/\s+/g, '').toUpperCase();
  deskNotice.clear();
  doubtfulState.clear();
  if (!idNumber) {
    deskNotice.show('checkin.idMissing', 'bad');
    return;
  }
  await busy(byId('checkin-identify'), async () => {
    try {
      candidate = await api.post(`/api/sessions/${ctx.session().id}/checkin/identify`, { idNumber });
    } catch (error) {
      candidate = null;
      lastResult = null;
      renderCandidate();
      throw error;
    }
    lastResult = null;
    if (candidate.status !== 'REGISTERED') {
      deskNotice.show(() => t('checkin.already', { status: t(`status.${candidate.status}`) }), 'ok');
    }
    renderCandidate();
    if (candidate.status === 'REGISTERED' && !stream) {
      await startCamera();
    }
  }, deskNotice);
  // ready for the next card: the next key typed replaces the number that is there
  input.dataset.done = 'true';
  input.select();
}

/** A card reader types into the focused field: the first key after a finished lookup starts afresh. */
function freshAfterLookup(event) {
  const input = event.target;
  if (input.dataset.done === 'true' && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
    input.value = '';
  }
  delete input.dataset.done;
}

/** After a candidate is admitted, the next swipe goes to the ID field. */
function readyForNext() {
  const input = byId('checkin-id');
  input.dataset.done = 'true';
  input.focus();
  input.select();
}

async function startCamera() {
  if (stream) {
    return;
  }
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    deskNotice.show('checkin.noCamera', 'bad');
    return;
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
  } catch (error) {
    deskNotice.show(() => t('checkin.cameraRefused', { reason: error.name || String(error) }), 'bad');
    return;
  }
  const video = byId('checkin-video');
  video.srcObject = stream;
  video.addEventListener('loadeddata', () => renderCandidate(), { once: true });
  try {
    await video.play();
  } catch (e) {
    // autoplay of a muted stream is allowed; if not, the frame still arrives
  }
  renderCandidate();
}

function stopCamera() {
  if (stream) {
    stream.getTracks().forEach((track) => track.stop());
    stream = null;
    byId('checkin-video').srcObject = null;
  }
}

/** The current video frame as Base64 JPEG, small enough for the server's 512 KB limit. */
function snapshot() {
  const video = byId('checkin-video');
  if (!video.videoWidth) {
    return null;
  }
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.9, 0.75, 0.6, 0.45]) {
    const url = canvas.toDataURL('image/jpeg', quality);
    const base64 = url.substring(url.indexOf(',') + 1);
    if (base64.length * 0.75 <= MAX_PHOTO_BYTES) {
      return base64;
    }
  }
  return null;
}

async function compare(photo, button) {
  deskNotice.clear();
  if (!photo) {
    deskNotice.show('checkin.noFrame', 'bad');
    return;
  }
  const sittingId = candidate.sittingId;
  await busy(button, async () => {
    try {
      lastResult = await api.post(`/api/sittings/${sittingId}/face`, { photo });
    } catch (error) {
      if (error.code === 'FACE_ATTEMPTS_EXHAUSTED') {
        candidate.faceFailures = MAX_FACE_ATTEMPTS;
        renderCandidate();
      }
      throw error;
    }
    if (lastResult.checkedIn) {
      candidate.status = 'CHECKED_IN';
      candidate.seatNo = lastResult.seatNo;
      candidate.doubtful = Boolean(lastResult.doubtful);
      readyForNext();
    } else if (typeof lastResult.faceFailures === 'number') {
      candidate.faceFailures = lastResult.faceFailures;
    }
    if (lastResult.doorPhotoTaken) {
      candidate.doorPhotoTaken = true;
    }
    renderCandidate();
    await ctx.refreshGrid();
  }, deskNotice);
  // the button is enabled again after the request; the candidate's state decides
  renderCandidate();
}

async function confirmDoubtful() {
  doubtfulState.clear();
  const sittingId = candidate.sittingId;
  await busy(byId('checkin-doubtful-button'), async () => {
    const result = await api.post(`/api/sittings/${sittingId}/doubtful`, {});
    if (result.checkedIn) {
      lastResult = result;
      candidate.status = 'CHECKED_IN';
      candidate.seatNo = result.seatNo;
      candidate.doubtful = true;
      renderCandidate();
      readyForNext();
    } else {
      doubtfulState.show(() => t('checkin.doubtfulWaiting', { n: result.confirmations || 1 }), 'wait');
    }
    await ctx.refreshGrid();
  }, {
    error(error) {
      const apiError = asApiError(error);
      doubtfulState.show(() => apiError.localizedMessage(), apiError.code === 'SECOND_PROCTOR_REQUIRED' ? 'wait' : 'bad');
    },
  });
  renderCandidate();
}

export function init(context) {
  ctx = context;
  deskNotice = notice(byId('checkin-notice'));
  doubtfulState = notice(byId('checkin-doubtful-state'));
  byId('checkin-form').addEventListener('submit', identify);
  byId('checkin-id').addEventListener('keydown', freshAfterLookup);
  byId('checkin-camera').addEventListener('click', startCamera);
  byId('checkin-snapshot').addEventListener('click', () => compare(snapshot(), byId('checkin-snapshot')));
  byId('checkin-file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    event.target.value = '';
    if (!file) {
      return;
    }
    if (file.size > MAX_PHOTO_BYTES) {
      deskNotice.show('checkin.fileTooLarge', 'bad');
      return;
    }
    compare(await fileToBase64(file), null);
  });
  byId('checkin-doubtful-button').addEventListener('click', confirmDoubtful);
  window.addEventListener('pagehide', stopCamera);
}
