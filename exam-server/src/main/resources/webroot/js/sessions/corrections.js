// Corrections of a published result (成绩更正) in the answer-sheet dialog: the sitting's versions with
// who corrected what, when and why and whether the province has each one, and the form for a new
// correction. Shown only once the sitting has a published package (version 1).
import { api, asApiError, busy, byId, h, notice, t } from '../console/common.js';
import { formatDateTime } from '../lib/datetime.js';
import { mark, paren } from '../lib/i18n.js';

const state = { row: null, paper: null, versions: null, onChange: null, timer: null };
const WATCH_MS = 3000;
let messages;

function questionChoices() {
  return (state.paper ? state.paper.sections : []).flatMap((section) => section.items
    .map((item) => h('option', { value: item.question.id }, `${item.number}. ${item.question.id} · ${item.question.stem.slice(0, 30)}`)));
}

function describe(correction) {
  if (!correction) {
    return t('corr.first');
  }
  const keys = (correction.keyCorrections || []).map((k) => `${k.questionId} → ${k.key}${k.bankVersion
    ? ` ${t('corr.fromBank', { version: k.bankVersion })}` : ''}`).join(mark('，'));
  const score = `${correction.scoreBefore ?? '—'} → ${correction.scoreAfter ?? '—'}`;
  const kind = t(`corr.kind.${correction.kind}`);
  return `${keys ? paren(kind, keys) : kind} · ${score}`;
}

export function render() {
  const box = byId('corrections');
  box.hidden = !state.versions || state.versions.length === 0;
  if (box.hidden) {
    return;
  }
  byId('corr-versions').querySelector('tbody').replaceChildren(...state.versions.map((v) => h('tr', { dataset: { version: v.version } },
    h('td', {}, `v${v.version}`, v.supersedes ? ` ${t('corr.supersedes', { previous: v.supersedes })}` : ''),
    h('td', {}, t(`outcome.package.${v.outcome}`)),
    h('td', {}, describe(v.correction)),
    h('td', {}, v.correction ? v.correction.reason : ''),
    h('td', {}, v.correction ? `${v.correction.correctedBy} · ${formatDateTime(v.correction.correctedAt)}` : formatDateTime(v.createdAt)),
    h('td', { class: 'delivery', dataset: { status: v.status } }, t(`corr.status.${v.status}`),
      v.lastError && v.status !== 'DELIVERED' ? h('div', { class: 'hint' }, v.lastError) : ''))));
  byId('corr-key-row').hidden = byId('corr-kind').value !== 'RESCORE';
}

// Looks again while a version is still on its way, so the bureau sees it reach the province.
async function load() {
  clearTimeout(state.timer);
  const row = state.row;
  const history = await api.get(`/api/sittings/${row.sittingId}/corrections`);
  if (state.row === row) {
    state.versions = history.versions || [];
    render();
    if (state.versions.some((v) => v.status !== 'DELIVERED')) {
      state.timer = setTimeout(() => load().catch((error) => messages.error(error)), WATCH_MS);
    }
  }
}

/** The dialog opened on a sitting; {@code paper} (with keys) once the answer sheet has loaded. */
export async function show(row, paper) {
  state.row = row;
  state.paper = paper;
  state.versions = null;
  messages.clear();
  byId('corr-question').replaceChildren(...questionChoices());
  byId('corr-key').value = '';
  byId('corr-reason').value = '';
  render();
  try {
    await load();
  } catch (error) {
    messages.error(asApiError(error));
  }
}

export function hide() {
  clearTimeout(state.timer);
  state.row = null;
  state.versions = null;
  render();
}

async function submit(event) {
  event.preventDefault();
  const kind = byId('corr-kind').value;
  const body = { kind, reason: byId('corr-reason').value };
  if (kind === 'RESCORE') {
    const key = byId('corr-key').value.trim().toUpperCase();
    body.keyCorrections = [key ? { questionId: byId('corr-question').value, key } : { questionId: byId('corr-question').value }];
  }
  const row = state.row;
  await busy(byId('corr-submit'), async () => {
    const result = await api.post(`/api/sittings/${row.sittingId}/corrections`, body);
    messages.show(() => t('corr.done', { version: result.version, score: result.score ?? '—' }), 'ok');
    byId('corr-reason').value = '';
    byId('corr-key').value = '';
    await load();
    if (state.onChange) {
      await state.onChange();
    }
  }, messages);
}

/** @param onChange called after a correction is stored (the results table shows the new score) */
export function init(onChange) {
  state.onChange = onChange;
  messages = notice(byId('corr-notice'));
  byId('corr-form').addEventListener('submit', submit);
  byId('corr-kind').addEventListener('change', render);
}
