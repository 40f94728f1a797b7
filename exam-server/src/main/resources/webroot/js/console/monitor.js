// The room's camera in the proctor console: the gateway's live player (picture and sound) embedded,
// and the anomalies its detectors flagged, each confirmed (it becomes an incident with its video
// range) or dismissed by a proctor with a reason. Anomalies only flag; people decide.
import { api, asApiError, byId, h, t } from './common.js';
import { formatTime } from '../lib/datetime.js';
import { pick } from '../lib/i18n.js';

// Viewing tickets live ten minutes; renewing every four keeps the embedded player from ever meeting an expired one.
const RENEW_MS = 4 * 60 * 1000;

let sessionId = null;
let canReview = false;
let gateway = null;
let renewTimer = null;

export async function open(id, proctor) {
  sessionId = id;
  canReview = proctor;
  clearTimeout(renewTimer);
  await showVideo();
  await refresh();
}

async function showVideo() {
  const frame = byId('monitor-frame');
  const hint = byId('monitor-hint');
  try {
    const video = await api.get(`/api/sessions/${sessionId}/video`);
    gateway = video.available ? { origin: new URL(video.gatewayUrl).origin, playbackTicket: video.playback.ticket } : null;
    if (video.livePage) {
      const page = `${video.gatewayUrl}/live/${video.cameraKey}`;
      if (frame.dataset.page !== page) {
        frame.dataset.page = page;
        frame.setAttribute('src', video.livePage);
      } else {
        // Same camera: hand the playing page its new ticket instead of reloading it, which would cut the picture.
        frame.contentWindow.postMessage({ type: 'examhall-viewing-ticket', ticket: video.ticket }, new URL(video.gatewayUrl).origin);
      }
      frame.hidden = false;
      hint.hidden = true;
      byId('monitor-open').href = video.livePage;
      byId('monitor-open').hidden = false;
    } else {
      delete frame.dataset.page;
      byId('monitor-open').hidden = true;
      frame.hidden = true;
      frame.removeAttribute('src');
      hint.hidden = false;
      hint.textContent = t('monitor.none');
    }
    if (gateway) {
      renewTimer = setTimeout(showVideo, RENEW_MS);
    }
  } catch (error) {
    gateway = null;
    hint.hidden = false;
    hint.textContent = asApiError(error).localizedMessage();
  }
}

// A gateway's link to its playback page, with the session's playback ticket; null for anything that is not
// http(s) on the gateway's own origin (a javascript: URL, another site), which is never rendered, even from
// rows stored before exam-server checked links on intake.
function playbackLink(url) {
  let link;
  try {
    link = new URL(url);
  } catch {
    return null;
  }
  if (!gateway || !['http:', 'https:'].includes(link.protocol) || link.origin !== gateway.origin) {
    return null;
  }
  link.searchParams.set('ticket', gateway.playbackTicket);
  return link.href;
}

export async function refresh() {
  if (sessionId === null) {
    return;
  }
  const list = byId('anomaly-list');
  try {
    const { anomalies } = await api.get(`/api/sessions/${sessionId}/anomalies`);
    byId('anomalies-empty').hidden = anomalies.length > 0;
    list.replaceChildren(...anomalies.map(item));
  } catch (error) {
    list.replaceChildren(h('li', { class: 'hint' }, asApiError(error).localizedMessage()));
  }
}

function item(anomaly) {
  const when = `${formatTime(anomaly.startedAt)}${anomaly.endedAt ? ` – ${formatTime(anomaly.endedAt)}` : ''}`;
  const actions = [];
  const playback = anomaly.clipUrl ? playbackLink(anomaly.clipUrl) : null;
  if (playback) {
    actions.push(h('a', { href: playback, target: '_blank', rel: 'noopener', class: 'small' }, t('monitor.playback')));
  }
  if (anomaly.status === 'OPEN' && canReview) {
    actions.push(h('button', { type: 'button', class: 'small', onclick: () => review(anomaly, 'CONFIRM') }, t('monitor.confirm')));
    actions.push(h('button', { type: 'button', class: 'plain small', onclick: () => review(anomaly, 'DISMISS') }, t('monitor.dismiss')));
  }
  return h('li', { class: `anomaly-item status-${anomaly.status}`, dataset: { anomalyId: anomaly.id, status: anomaly.status } },
    h('span', { class: 'alert-kind' }, t(`anomaly.${anomaly.kind}`)),
    h('time', { datetime: anomaly.startedAt }, when),
    h('span', { class: 'alert-detail' }, `${Math.round(anomaly.confidence * 100)}% · ${pick(anomaly.details) || anomaly.detail || ''}`),
    h('span', { class: 'badge' }, t(`monitor.status.${anomaly.status}`)),
    anomaly.reviewReason ? h('span', { class: 'alert-detail' }, anomaly.reviewReason) : null,
    ...actions);
}

async function review(anomaly, decision) {
  const reason = window.prompt(t(decision === 'CONFIRM' ? 'monitor.confirmReason' : 'monitor.dismissReason'));
  if (!reason || !reason.trim()) {
    return;
  }
  try {
    await api.post(`/api/anomalies/${anomaly.id}/review`, { decision, reason: reason.trim() });
  } catch (error) {
    window.alert(asApiError(error).localizedMessage());
  }
  await refresh();
}
