// Questions tab: filter and page through the bank, move questions through review, write and edit them.
import * as i18n from '../lib/i18n.js';
import { h, byId } from '../lib/dom.js';
import { api, asApiError, categoryName, showNotice, showProblems, setBusy } from './common.js';
import { formatDateTime } from '../lib/datetime.js';

const PAGE_SIZE = 20;
const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

const body = byId('questions-body');
const message = byId('questions-message');
const selectAll = byId('select-all');
const dialog = byId('question-dialog');

let page = 1;
let data = null;
let importId = null;
let selected = new Set();
let notice = null; // {key, params, kind} or {api}
let editing = null; // {id, latest, versions} or {id: null} for a new question
let dialogProblems = [];

function filters() {
  const query = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
  const add = (name, id) => {
    const value = byId(id).value.trim();
    if (value) {
      query.set(name, value);
    }
  };
  add('category', 'filter-category');
  add('type', 'filter-type');
  add('knowledgePoint', 'filter-kp');
  add('difficulty', 'filter-difficulty');
  add('status', 'filter-status');
  add('q', 'filter-text');
  if (byId('filter-flagged').checked) {
    query.set('flagged', 'true');
  }
  if (importId) {
    query.set('importId', String(importId));
  }
  return query;
}

let sequence = 0;

export async function load() {
  const mine = ++sequence;
  try {
    const answer = await api.get(`/api/bank/questions?${filters()}`);
    if (mine !== sequence) {
      return; // a newer query has been made meanwhile
    }
    data = answer;
  } catch (e) {
    if (mine !== sequence) {
      return;
    }
    data = null;
    notice = { api: asApiError(e) };
  }
  const onPage = new Set((data ? data.items : []).map((q) => q.id));
  selected = new Set([...selected].filter((id) => onPage.has(id)));
  render();
}

function render() {
  renderNotice();
  const chip = byId('filter-import');
  chip.hidden = !importId;
  byId('filter-import-label').textContent = importId ? i18n.t('q.filter.import', { id: importId }) : '';
  const category = byId('filter-category').value;
  byId('export-xlsx').href = `/api/bank/export?format=xlsx${category ? `&category=${encodeURIComponent(category)}` : ''}`;
  byId('export-json').href = `/api/bank/export?format=json${category ? `&category=${encodeURIComponent(category)}` : ''}`;
  const items = data ? data.items : [];
  if (!items.length) {
    body.replaceChildren(h('tr', {}, h('td', { colspan: 10, class: 'muted' }, i18n.t(data ? 'q.empty' : 'q.loading'))));
  } else {
    body.replaceChildren(...items.map(row));
  }
  const total = data ? data.total : 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  byId('questions-total').textContent = i18n.t('q.total', { total });
  byId('page-info').textContent = i18n.t('q.page', { page, pages });
  byId('page-prev').disabled = page <= 1;
  byId('page-next').disabled = page >= pages;
  byId('selection-count').textContent = selected.size ? i18n.t('q.selected', { count: selected.size }) : '';
  selectAll.checked = items.length > 0 && items.every((q) => selected.has(q.id));
}

function row(question) {
  const checkbox = h('input', { type: 'checkbox', class: 'row-check', 'aria-label': question.id });
  checkbox.checked = selected.has(question.id);
  checkbox.addEventListener('change', () => {
    if (checkbox.checked) {
      selected.add(question.id);
    } else {
      selected.delete(question.id);
    }
    render();
  });
  const activeNote = question.activeVersion && question.activeVersion !== question.version
    ? h('span', { class: 'sub' }, i18n.t('q.activeVersion', { version: question.activeVersion })) : null;
  const options = question.type === 'TRUE_FALSE' ? null
    : h('span', { class: 'sub' }, question.options.map((o, i) => `${LETTERS[i]}. ${o}`).join('　'));
  // Item analysis's reasons to review, per version they were found on, beside the stem.
  const review = (question.reviewFlags || []).map((found) => h('span', { class: 'review-flag' },
    h('span', { class: 'badge bad' }, i18n.t('q.reviewBadge', { version: found.version })),
    ` ${found.flags.map((f) => f[i18n.lang()] || f.zh).join(i18n.mark('；'))}`));
  return h('tr', { dataset: { id: question.id, status: question.status } },
    h('td', {}, checkbox),
    h('td', { class: 'id' }, question.id, h('span', { class: 'sub' }, categoryName(question.category))),
    h('td', { class: 'num' }, String(question.version)),
    h('td', {}, h('span', { class: `status-pill status-${question.status}` }, i18n.t(`status.${question.status}`)), activeNote),
    h('td', {}, i18n.t(`type.${question.type}`)),
    h('td', { class: 'stem' }, h('span', { class: 'text', title: question.stem }, question.stem), options, review),
    h('td', {}, question.type === 'TRUE_FALSE' ? (question.answer === 'A' ? '正确' : '错误') : question.answer),
    h('td', { class: 'small' }, question.knowledgePoints.join(i18n.mark('、'))),
    h('td', { class: 'num' }, String(question.difficulty)),
    h('td', {}, h('button', { type: 'button', class: 'small-button edit-question', onclick: () => openEditor(question.id) },
      i18n.t('q.edit'))));
}

function renderNotice() {
  if (!notice) {
    showNotice(message, null);
  } else if (notice.api) {
    const refused = (notice.problems || []).slice(0, 5).map((p) => `${p.id}: ${p[i18n.lang()] || p.zh}`);
    showNotice(message, [notice.api.localizedMessage(), ...refused].join('\n'), 'bad');
  } else {
    showNotice(message, i18n.t(notice.key, notice.params), notice.kind || '');
  }
}

async function bulk(status, button) {
  if (!selected.size) {
    notice = { key: 'q.bulkNone', kind: 'bad' };
    render();
    return;
  }
  setBusy(button, true);
  try {
    const result = await api.post('/api/bank/questions/status',
      { status, items: [...selected].map((id) => ({ id })) });
    notice = { key: 'q.bulkDone', params: { count: result.count, status: i18n.t(`status.${status}`) }, kind: 'ok' };
    selected.clear();
  } catch (e) {
    notice = { api: asApiError(e), problems: e.body && e.body.problems };
  } finally {
    setBusy(button, false);
  }
  await load();
}

// ---- the editor dialog ----

async function openEditor(id) {
  dialogProblems = [];
  if (id) {
    try {
      const detail = await api.get(`/api/bank/questions/${encodeURIComponent(id)}`);
      editing = { id, versions: detail.versions, latest: detail.versions[detail.versions.length - 1] };
    } catch (e) {
      notice = { api: asApiError(e) };
      render();
      return;
    }
  } else {
    editing = { id: null, versions: [], latest: null };
  }
  fillDialog(editing.latest);
  renderDialog();
  dialog.showModal();
}

function fillDialog(question) {
  byId('q-type').value = question ? question.type : 'SINGLE_CHOICE';
  byId('q-category').value = question ? question.category : (byId('filter-category').value || byId('q-category').value);
  byId('q-difficulty').value = String(question ? question.difficulty : 3);
  byId('q-source').value = question ? question.source : 'LOCAL';
  byId('q-stem').value = question ? question.stem : '';
  LETTERS.forEach((letter, i) => {
    byId(`q-option-${letter}`).value = question && question.type !== 'TRUE_FALSE' ? (question.options[i] || '') : '';
  });
  byId('q-answer').value = question ? question.answer : '';
  byId('q-points').value = question ? question.knowledgePoints.join(i18n.mark('，')) : '';
  byId('q-fixed').checked = question ? question.fixedOptionOrder : false;
}

function renderDialog() {
  if (!editing) {
    return;
  }
  const latest = editing.latest;
  byId('q-dialog-heading').textContent = latest ? i18n.t('q.dialog.edit', { id: editing.id }) : i18n.t('q.dialog.new');
  const note = byId('q-dialog-note');
  note.hidden = !latest;
  if (latest) {
    const issued = latest.status === 'ACTIVE' || latest.status === 'RETIRED';
    note.textContent = issued ? i18n.t('q.dialog.issuedNote', { next: latest.version + 1 }) : i18n.t('q.dialog.draftNote');
  }
  byId('q-options-box').hidden = byId('q-type').value === 'TRUE_FALSE';
  showProblems(byId('q-problems'), dialogProblems);
  byId('q-versions-box').hidden = editing.versions.length === 0;
  byId('q-versions').replaceChildren(...editing.versions.map((v) => h('li', {},
    i18n.t('q.versionLine', { version: v.version, status: i18n.t(`status.${v.status}`), by: v.changedBy, at: formatDateTime(v.changedAt) }),
    h('span', { class: 'sub' }, v.stem))));
}

function dialogQuestion() {
  const type = byId('q-type').value;
  const question = {
    type,
    stem: byId('q-stem').value.trim(),
    answer: byId('q-answer').value.trim().toUpperCase(),
    knowledgePoints: byId('q-points').value.split(/[,，;；、]/).map((s) => s.trim()).filter(Boolean),
    difficulty: Number(byId('q-difficulty').value),
    category: byId('q-category').value,
    source: byId('q-source').value,
    fixedOptionOrder: byId('q-fixed').checked,
  };
  if (type !== 'TRUE_FALSE') {
    question.options = LETTERS.map((letter) => byId(`q-option-${letter}`).value.trim());
    while (question.options.length && !question.options[question.options.length - 1]) {
      question.options.pop();
    }
  }
  if (editing.latest && editing.latest.image) {
    question.image = editing.latest.image;
  }
  return question;
}

async function saveDialog() {
  const button = byId('q-save');
  setBusy(button, true);
  try {
    const question = dialogQuestion();
    const saved = editing.id
      ? await api.put(`/api/bank/questions/${encodeURIComponent(editing.id)}`, question)
      : await api.post('/api/bank/questions', question);
    dialog.close();
    editing = null;
    notice = { key: 'bank.saved', kind: 'ok' };
    byId('filter-text').value = saved.id;
    page = 1;
    await load();
  } catch (e) {
    const error = asApiError(e);
    dialogProblems = e.body && e.body.problems && e.body.problems.length ? e.body.problems
      : [{ zh: error.messages.zh, en: error.messages.en }];
    renderDialog();
  } finally {
    setBusy(button, false);
  }
}

/** Filters on one import's questions (the next load shows them). */
export function filterImport(id) {
  importId = id;
  ['filter-category', 'filter-type', 'filter-kp', 'filter-difficulty', 'filter-status', 'filter-text']
    .forEach((field) => { byId(field).value = ''; });
  byId('filter-flagged').checked = false;
  page = 1;
  notice = null;
  selected.clear();
}

export function init() {
  byId('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    page = 1;
    notice = null;
    load();
  });
  byId('filter-flagged').addEventListener('change', () => {
    page = 1;
    load();
  });
  byId('filter-import-clear').addEventListener('click', () => {
    importId = null;
    page = 1;
    load();
  });
  byId('page-prev').addEventListener('click', () => { page -= 1; load(); });
  byId('page-next').addEventListener('click', () => { page += 1; load(); });
  selectAll.addEventListener('change', () => {
    (data ? data.items : []).forEach((q) => (selectAll.checked ? selected.add(q.id) : selected.delete(q.id)));
    render();
  });
  document.querySelectorAll('#panel-questions button[data-status]').forEach((button) => {
    button.addEventListener('click', () => bulk(button.dataset.status, button));
  });
  byId('new-question').addEventListener('click', () => openEditor(null));
  byId('q-type').addEventListener('change', renderDialog);
  byId('q-save').addEventListener('click', saveDialog);
  byId('q-cancel').addEventListener('click', () => { dialog.close(); editing = null; });
}

export function rerender() {
  render();
  renderDialog();
}
