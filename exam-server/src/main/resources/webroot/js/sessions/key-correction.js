// One wrong answer key corrected for a whole published session, below its results: a dry run first
// lists the sittings whose result would change, those that keep theirs and those whose paper never
// had the question; the correction itself is offered only for the inputs that dry run was made with,
// so what the bureau applies is what it has just read.
import { api, busy, byId, h, notice, t } from '../console/common.js';
import { paren } from '../lib/i18n.js';

const GROUPS = ['changed', 'unchanged', 'notAffected'];
const state = { sessionId: null, planned: null, onChange: null }; // planned: { body, summary }
let messages;

function request() {
  const questionId = byId('keycorr-question').value.trim();
  const key = byId('keycorr-key').value.trim().toUpperCase();
  return { reason: byId('keycorr-reason').value, keyCorrections: [key ? { questionId, key } : { questionId }] };
}

function change(entry, group) {
  if (group === 'notAffected') {
    return t(`keycorr.why.${entry.why}`);
  }
  const passed = (p) => t(p ? 'result.passed' : 'result.failed');
  return `${paren(entry.scoreBefore ?? '—', passed(entry.passedBefore))} → ${paren(entry.scoreAfter ?? '—', passed(entry.passedAfter))}`
    + (entry.version ? ` · v${entry.version}` : '');
}

export function render() {
  const summary = state.planned && state.planned.summary;
  byId('keycorr-apply').disabled = !summary || !summary.dryRun || summary.counts.changed === 0;
  byId('keycorr-summary').hidden = !summary;
  byId('keycorr-summary').querySelector('tbody').replaceChildren(...(summary ? GROUPS.flatMap((group) => summary[group]
    .map((entry) => h('tr', { dataset: { sittingId: entry.sittingId, group } },
      h('td', {}, t(`keycorr.group.${group}`)),
      h('td', {}, entry.ticketNo),
      h('td', {}, entry.fullName),
      h('td', {}, change(entry, group))))) : []));
}

/** Shown for a scored session (the server refuses one not yet published); a plan is kept only for its session. */
export function show(session) {
  byId('keycorr-section').hidden = session.state !== 'SCORED';
  if (state.sessionId !== session.id) {
    state.sessionId = session.id;
    state.planned = null;
    messages.clear();
  }
  render();
}

async function dryRun(event) {
  event.preventDefault();
  const body = request();
  await busy(byId('keycorr-dry'), async () => {
    const summary = await api.post(`/api/sessions/${state.sessionId}/corrections`, { ...body, dryRun: true });
    state.planned = { body, summary };
    messages.show(() => t('keycorr.planned', summary.counts), '');
    render();
  }, messages);
}

async function apply() {
  const { body } = state.planned;
  await busy(byId('keycorr-apply'), async () => {
    const summary = await api.post(`/api/sessions/${state.sessionId}/corrections`, body);
    state.planned = { body, summary };
    messages.show(() => t('keycorr.done', summary.counts), 'ok');
    if (state.onChange) {
      await state.onChange();
    }
  }, messages);
  render(); // after busy() has let go of the button: an applied plan cannot be applied again
}

function forget() {
  state.planned = null;
  render();
}

/** @param onChange called after a correction is stored (the results table shows the new scores) */
export function init(onChange) {
  state.onChange = onChange;
  messages = notice(byId('keycorr-notice'));
  byId('keycorr-form').addEventListener('submit', dryRun);
  byId('keycorr-apply').addEventListener('click', apply);
  ['keycorr-question', 'keycorr-key', 'keycorr-reason'].forEach((id) => byId(id).addEventListener('input', forget));
}
