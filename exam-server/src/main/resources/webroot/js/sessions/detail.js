// One session on the bureau's sessions page: its facts and state steps (CHECK_IN draws the seats,
// RUNNING issues the papers, CLOSED, SCORED), the candidate list with single adds and the CSV import
// (dry run first; a refused file lists every bad row and column), the results with CSV/.xlsx
// downloads, and each candidate's answer sheet: the paper with its keys, the answers and the marks
// (with the corrections of a published result below it, sessions-corrections.js).
import * as i18n from '../lib/i18n.js';
import * as corrections from './corrections.js';
import * as keyCorrection from './key-correction.js';
import {
  api, asApiError, busy, byId, fileToBase64, h, nextState, notice, t,
} from '../console/common.js';
import { formatDateTime } from '../lib/datetime.js';
import { operationItemLabel, operationItemName } from '../lib/operation-items.js';
import { openModal } from '../lib/dialog.js';

const STEPS = ['CHECK_IN', 'RUNNING', 'CLOSED', 'SCORED'];
const MAX_PHOTO_BYTES = 512 * 1024;
const LETTERS = 'ABCDEF';

let ctx;
const notices = {};
const state = {
  photos: {}, // file name → Base64, chosen beside the CSV
  session: null,
  candidates: [],
  results: [],
  problems: null,
  pendingState: null,
  sheet: null, // { row, data }
};

export function currentId() {
  return state.session ? state.session.id : null;
}

// ---- the session ----

function renderHead() {
  const session = state.session;
  const box = byId('session-detail');
  box.hidden = !session;
  if (!session) {
    return;
  }
  box.dataset.sessionId = session.id;
  box.dataset.state = session.state;
  byId('detail-title').textContent = `#${session.id} ${session.title || operationItemName(session.operationItem)}`;
  const badge = byId('session-detail-state');
  badge.textContent = t(`state.${session.state}`);
  badge.dataset.state = session.state;
  byId('detail-console').href = `/console.html?session=${session.id}`;
  const facts = [
    ['room', t('detail.f.room'), session.roomName],
    ['blueprint', t('detail.f.blueprint'), [session.blueprintId, ' · ', operationItemLabel(session.operationItem)]],
    ['start', t('detail.f.start'), formatDateTime(session.startsAt)],
    ['duration', t('detail.f.duration'), t('record.minutes', { n: session.durationMinutes })],
    ['proctors', t('detail.f.proctors'), (session.proctorIds || []).map((id) => ctx.staffName(id)).join(i18n.mark('、'))],
    ['candidates', t('detail.f.candidates'), String(session.candidates ?? 0)],
    ['showScore', t('detail.f.showScore'), session.showScore ? t('detail.yes') : t('detail.no')],
    ['running', t('detail.f.running'), session.runningSince ? formatDateTime(session.runningSince) : '—'],
  ];
  byId('detail-facts').replaceChildren(...facts.flatMap(([key, label, value]) => [
    h('dt', {}, label), h('dd', { dataset: { fact: key } }, value)]));
  const next = nextState(session.state);
  byId('state-buttons').replaceChildren(...STEPS.map((step) => h('button', {
    type: 'button',
    id: `state-${step}`,
    class: step === next ? 'primary small' : 'plain small',
    disabled: step !== next || Boolean(state.pendingState),
    onclick: () => askState(step),
  }, t(`detail.to.${step}`))));
  byId('state-confirm').hidden = !state.pendingState;
  if (state.pendingState) {
    byId('state-confirm-text').textContent = t(`detail.confirm.${state.pendingState}`);
  }
  const open = session.state === 'SCHEDULED';
  byId('registration-closed').hidden = open;
  byId('candidate-form').hidden = !open;
  byId('import-form').hidden = !open;
  byId('results-section').hidden = !['RUNNING', 'CLOSED', 'SCORED'].includes(session.state);
  byId('results-csv').href = `/api/sessions/${session.id}/results.csv`;
  byId('results-xlsx').href = `/api/sessions/${session.id}/results.xlsx`;
  keyCorrection.show(session);
}

function statusOf(seat) {
  return t(`status.${seat.status === 'REGISTERED' ? 'ABSENT' : seat.status}`);
}

function renderCandidates() {
  byId('candidates-empty').hidden = state.candidates.length > 0;
  byId('candidate-list').querySelector('tbody').replaceChildren(...state.candidates.map((c) => h('tr', { dataset: { sittingId: c.sittingId } },
    h('td', {}, c.seatNo ?? '—'),
    h('td', {}, c.fullName, c.doubtful ? [' ', h('span', { class: 'badge doubtful' }, t('badge.doubtful'))] : null),
    h('td', {}, c.idNumberMasked),
    h('td', {}, c.ticketNo),
    h('td', {}, statusOf(c)))));
}

function renderResults() {
  byId('results-table').querySelector('tbody').replaceChildren(...state.results.map((r) => h('tr', { dataset: { sittingId: r.sittingId } },
    h('td', {}, r.seatNo ?? '—'),
    h('td', {}, r.ticketNo),
    h('td', {}, r.fullName, r.doubtful ? [' ', h('span', { class: 'badge doubtful' }, t('badge.doubtful'))] : null),
    h('td', {}, r.idNumberMasked),
    h('td', {}, statusOf(r)),
    h('td', { class: 'num' }, r.score === null || r.score === undefined ? '' : String(r.score)),
    h('td', {}, r.passed === true ? h('span', { class: 'badge ok' }, t('result.passed'))
      : r.passed === false ? h('span', { class: 'badge bad' }, t('result.failed')) : ''),
    h('td', {}, r.submittedAt ? `${formatDateTime(r.submittedAt)}${r.submitReason ? ` · ${t(`reason.${r.submitReason}`)}` : ''}` : ''),
    h('td', { class: 'num' }, String(r.incidents ?? 0)),
    h('td', {}, h('button', { type: 'button', class: 'plain small sheet-open', onclick: () => openSheet(r) }, t('results.sheet'))))));
}

function renderProblems() {
  const box = byId('import-problems');
  box.hidden = !state.problems || state.problems.length === 0;
  if (box.hidden) {
    box.replaceChildren();
    return;
  }
  const columns = [null, t('import.col.name'), t('import.col.idNumber'), t('import.col.ticket'), t('import.col.photo')];
  box.replaceChildren(h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, h('th', { class: 'num' }, t('import.row')), h('th', {}, t('import.column')), h('th', {}, t('import.reason')))),
    h('tbody', {}, state.problems.map((p) => h('tr', { dataset: { row: p.row, column: p.column } },
      h('td', { class: 'num' }, String(p.row)),
      h('td', {}, columns[p.column] ? i18n.paren(p.column, columns[p.column]) : String(p.column)),
      h('td', {}, p[i18n.lang()] || p.zh || p.en))))));
}

export function rerender() {
  renderHead();
  renderCandidates();
  renderResults();
  renderProblems();
  if (state.sheet) {
    renderSheet();
    corrections.render();
  }
}

async function reload() {
  const id = state.session.id;
  const [session, grid] = await Promise.all([api.get(`/api/sessions/${id}`), api.get(`/api/sessions/${id}/grid`)]);
  state.session = session;
  state.candidates = grid.seats || [];
  state.results = ['RUNNING', 'CLOSED', 'SCORED'].includes(session.state)
    ? (await api.get(`/api/sessions/${id}/results`)).results || [] : [];
  rerender();
}

export async function show(sessionId) {
  state.session = { id: sessionId };
  state.problems = null;
  state.pendingState = null;
  Object.values(notices).forEach((n) => n.clear());
  const url = new URL(window.location.href);
  url.searchParams.set('session', sessionId);
  window.history.replaceState(null, '', url);
  try {
    await reload();
  } catch (error) {
    state.session = null;
    renderHead();
    notice(byId('page-error')).error(error);
    return;
  }
  ctx.selected();
  byId('session-detail').scrollIntoView({ block: 'start' });
}

function askState(target) {
  state.pendingState = target;
  renderHead();
  byId('state-confirm-yes').focus();
}

async function moveState() {
  const target = state.pendingState;
  state.pendingState = null;
  notices.detail.clear();
  await busy(byId('state-confirm-yes'), async () => {
    state.session = await api.post(`/api/sessions/${state.session.id}/state`, { state: target });
    notices.detail.show(() => t(`detail.moved.${target}`), 'ok');
    await reload();
    await ctx.sessionsChanged();
  }, notices.detail);
  renderHead();
}

// ---- candidates ----

async function addCandidate(event) {
  event.preventDefault();
  const fullName = byId('candidate-name').value.trim();
  const idNumber = byId('candidate-id').value.replace(/\s+/g, '').toUpperCase();
  const ticketNo = byId('candidate-ticket').value.trim();
  const file = byId('candidate-photo').files[0];
  if (!fullName || !idNumber) {
    notices.candidate.show('candidate.missing', 'bad');
    return;
  }
  if (file && file.size > MAX_PHOTO_BYTES) {
    notices.candidate.show('candidate.photoTooLarge', 'bad');
    return;
  }
  notices.candidate.clear();
  await busy(byId('candidate-add'), async () => {
    const body = { fullName, idNumber };
    if (ticketNo) {
      body.ticketNo = ticketNo;
    }
    if (file) {
      body.photo = await fileToBase64(file);
    }
    const added = await api.post(`/api/sessions/${state.session.id}/candidates`, body);
    notices.candidate.show(() => t('candidate.added', { name: added.fullName, ticket: added.ticketNo }), 'ok');
    byId('candidate-form').reset();
    await reload();
    await ctx.sessionsChanged();
  }, notices.candidate);
}

function showPhotoCount() {
  const count = Object.keys(state.photos).length;
  byId('import-photo-count').hidden = count === 0;
  byId('import-photo-count').textContent = t('import.photoCount', { n: count });
}

async function importCsv(dryRun) {
  const csv = byId('import-csv').value;
  state.problems = null;
  renderProblems();
  if (!csv.trim()) {
    notices.import.show('import.empty', 'bad');
    return;
  }
  notices.import.clear();
  const button = byId(dryRun ? 'import-dry-run' : 'import-run');
  await busy(button, async () => {
    try {
      const result = await api.post(`/api/sessions/${state.session.id}/candidates/import`, { csv, dryRun, photos: state.photos });
      if (result.dryRun) {
        notices.import.show(() => t('import.dryRunPhotos', { n: result.candidates, photos: result.withPhoto }), 'ok');
      } else {
        const names = (result.added || []).map((a) => a.fullName).join(i18n.mark('、'));
        notices.import.show(() => t('import.done', { n: (result.added || []).length, names }), 'ok');
        byId('import-csv').value = '';
        byId('import-photos').value = '';
        state.photos = {};
        showPhotoCount();
        await reload();
        await ctx.sessionsChanged();
      }
    } catch (error) {
      if (error.code === 'IMPORT_REJECTED' && error.body) {
        state.problems = error.body.problems || [];
        renderProblems();
      }
      throw error;
    }
  }, notices.import);
}

// ---- the answer sheet ----

/** Display labels (as the terminal showed the options) to written labels, through the item's option order. */
function toWritten(displayed, optionOrder) {
  if (!displayed) {
    return '';
  }
  return [...displayed].map((letter) => {
    const position = LETTERS.indexOf(letter);
    const original = optionOrder && optionOrder[position] !== undefined ? optionOrder[position] : position;
    return LETTERS[original];
  }).sort().join('');
}

function keyLetters(question) {
  if (!question.options) {
    return question.answer === '正确' ? 'A' : 'B';
  }
  return question.answer || '';
}

function optionsOf(question) {
  return question.options || ['正确', '错误'];
}

function renderSheet() {
  const { row, data } = state.sheet;
  const body = byId('sheet-body');
  byId('sheet-title').textContent = t('sheet.title', { name: row.fullName, ticket: row.ticketNo });
  if (!data) {
    body.replaceChildren(h('p', { class: 'hint' }, t('home.loading')));
    return;
  }
  const paper = data.paper;
  const report = data.report;
  const answers = data.answers || {};
  const summaryParts = [t(`status.${data.status === 'REGISTERED' ? 'ABSENT' : data.status}`)];
  if (data.score !== null && data.score !== undefined) {
    summaryParts.push(t('sheet.score', { score: data.score, total: paper ? paper.totalPoints : '—', pass: paper ? paper.passMark : '—' }));
  }
  if (data.passed !== null && data.passed !== undefined) {
    summaryParts.push(data.passed ? t('result.passed') : t('result.failed'));
  }
  if (data.doubtful) {
    summaryParts.push(t('badge.doubtful'));
  }
  if (paper) {
    summaryParts.push(t('sheet.paper', { version: paper.bankVersion }));
  }
  const summary = h('p', { id: 'sheet-summary', class: 'notice' }, summaryParts.join(' · '));
  if (!paper) {
    body.replaceChildren(summary, h('p', { class: 'hint' }, t('sheet.noPaper')));
    return;
  }
  const reportItems = new Map((report ? report.items : []).map((i) => [i.number, i]));
  const sections = report ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'sheet-sections' },
    h('thead', {}, h('tr', {}, ['sheet.s.type', 'sheet.s.questions', 'sheet.s.correct', 'sheet.s.points']
      .map((k, i) => h('th', { class: i > 0 ? 'num' : null }, t(k))))),
    h('tbody', {}, report.sections.map((s) => h('tr', {},
      h('td', {}, t(`type.${s.type}`)), h('td', { class: 'num' }, String(s.questions)), h('td', { class: 'num' }, String(s.correct)),
      h('td', { class: 'num' }, `${s.earned} / ${s.possible}`)))))) : h('p', { class: 'hint', id: 'sheet-sections' }, t('sheet.notScored'));
  const knowledge = report && report.knowledgePoints && report.knowledgePoints.length
    ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'sheet-knowledge' },
      h('thead', {}, h('tr', {}, ['sheet.k.point', 'sheet.s.questions', 'sheet.s.points']
        .map((k, i) => h('th', { class: i > 0 ? 'num' : null }, t(k))))),
      h('tbody', {}, report.knowledgePoints.map((k) => h('tr', {},
        h('td', {}, k.knowledgePoint), h('td', { class: 'num' }, String(k.questions)),
        h('td', { class: 'num' }, `${k.earned} / ${k.possible}`)))))) : null;
  const items = paper.sections.flatMap((section) => section.items.map((item) => {
    const question = item.question;
    const key = keyLetters(question);
    const scored = reportItems.get(item.number);
    const chosen = scored ? (scored.chosen || '') : toWritten(answers[String(item.number)], item.optionOrder);
    const displayed = answers[String(item.number)];
    const outcome = scored ? scored.outcome : (chosen ? null : 'UNANSWERED');
    return h('div', { class: 'sheet-item', dataset: { number: item.number, outcome } },
      h('div', {},
        h('strong', {}, `${item.number}. `),
        h('span', { class: 'q-type' }, `［${t(`type.${section.type}`)}］`),
        h('span', { class: 'stem' }, question.stem)),
      h('ol', {}, optionsOf(question).map((text, index) => {
        const letter = LETTERS[index];
        const isKey = key.includes(letter);
        const isChosen = chosen.includes(letter);
        const classes = [isKey ? 'key' : null, isChosen ? 'chosen' : null, isChosen && !isKey ? 'wrong' : null].filter(Boolean).join(' ');
        const marks = [isKey ? t('sheet.key') : null, isChosen ? t('sheet.chosen') : null].filter(Boolean).join(' · ');
        return h('li', { class: classes || null, dataset: { letter } },
          h('span', { class: 'mark' }, marks), `${letter}. ${text}`);
      })),
      h('div', { class: 'sheet-meta' },
        outcome ? h('span', { class: `outcome ${outcome}` }, t(`outcome.${outcome}`)) : null,
        scored ? ` · ${t('sheet.points', { earned: scored.earned, possible: scored.possible })}` : '',
        displayed ? ` · ${t('sheet.displayed', { labels: displayed })}` : '',
        ` · ${question.id} v${question.version}`));
  }));
  body.replaceChildren(summary,
    h('div', { class: 'sheet-tables' },
      h('div', {}, h('h3', {}, t('sheet.sections')), sections),
      knowledge ? h('div', {}, h('h3', {}, t('sheet.knowledge')), knowledge) : null),
    h('h3', {}, t('sheet.items')),
    h('p', { class: 'hint' }, t('sheet.itemsHint')),
    h('div', { class: 'sheet-scroll' }, items));
}

async function openSheet(row) {
  const dialog = byId('sheet-dialog');
  notices.sheet.clear();
  state.sheet = { row, data: null };
  renderSheet();
  openModal(dialog);
  try {
    const data = await api.get(`/api/sittings/${row.sittingId}/answer-sheet`);
    if (state.sheet && state.sheet.row === row) {
      state.sheet.data = data;
      renderSheet();
      await corrections.show(row, data.paper);
    }
  } catch (error) {
    notices.sheet.error(asApiError(error));
  }
}

export function init(context) {
  ctx = context;
  ['detail', 'candidate', 'import', 'sheet'].forEach((key) => {
    notices[key] = notice(byId(`${key}-notice`));
  });
  byId('state-confirm-yes').addEventListener('click', moveState);
  byId('state-confirm-no').addEventListener('click', () => {
    state.pendingState = null;
    renderHead();
  });
  byId('candidate-form').addEventListener('submit', addCandidate);
  byId('import-dry-run').addEventListener('click', () => importCsv(true));
  byId('import-run').addEventListener('click', () => importCsv(false));
  byId('import-form').addEventListener('submit', (event) => event.preventDefault());
  byId('import-photos').addEventListener('change', async (event) => {
    state.photos = {};
    for (const file of event.target.files) {
      if (file.size > MAX_PHOTO_BYTES) {
        notices.import.show(() => t('import.photoTooLarge', { name: file.name }), 'bad');
      } else {
        state.photos[file.name] = await fileToBase64(file);
      }
    }
    showPhotoCount();
  });
  byId('import-file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    if (file) {
      byId('import-csv').value = await file.text();
    }
  });
  byId('sheet-close').addEventListener('click', () => {
    state.sheet = null;
    byId('sheet-dialog').close();
  });
  byId('sheet-dialog').addEventListener('close', () => {
    state.sheet = null;
    corrections.hide();
  });
  keyCorrection.init(reload);
  corrections.init(async () => {
    await reload();
    const row = state.sheet && state.results.find((r) => r.sittingId === state.sheet.row.sittingId);
    if (row) {
      state.sheet = { row, data: await api.get(`/api/sittings/${row.sittingId}/answer-sheet`) };
      renderSheet();
    }
  });
}
