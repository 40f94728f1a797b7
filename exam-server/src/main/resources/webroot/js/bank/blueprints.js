// Blueprints tab: list, edit with a live feasibility check against the bank, save, delete, and
// preview a sample paper with its answer keys.
import * as i18n from '../lib/i18n.js';
import { h, byId, debounce } from '../lib/dom.js';
import { api, asApiError, bankVersionSeen, reason, setBusy, showNotice, showProblems } from './common.js';

const TYPES = ['TRUE_FALSE', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE'];

const form = byId('blueprint-form');
const sectionsBody = byId('bp-sections');
const feasibilityBody = byId('feasibility-body');
const badge = byId('feasibility-badge');

let blueprints = [];
let currentId = null; // the stored blueprint being edited, null for a new one
let formProblems = [];
let message = null;
let feasibility = null; // {report} | {checking} | {error}
let preview = null; // {paper} | {error}
let checkSequence = 0;
let editorSequence = 0; // the latest editor action; a slower, older load must not overwrite it

// ---- list ----

export async function loadList() {
  try {
    blueprints = (await api.get('/api/bank/blueprints')).blueprints;
  } catch (e) {
    blueprints = [];
    message = { api: asApiError(e) };
  }
  renderList();
}

function renderList() {
  const list = byId('blueprint-list');
  if (!blueprints.length) {
    list.replaceChildren(h('tr', {}, h('td', { colspan: 3, class: 'muted' }, i18n.t('bp.empty'))));
    return;
  }
  list.replaceChildren(...blueprints.map((b) => h('tr', {
    class: b.id === currentId ? 'selected' : '', dataset: { id: b.id }, tabindex: 0,
    onclick: () => open(b.id), onkeydown: (e) => { if (e.key === 'Enter') { open(b.id); } },
  }, h('td', { class: 'small' }, b.id), h('td', {}, b.title, h('span', { class: 'sub' }, b.categoryName || b.category)),
  h('td', { class: 'num' }, String(b.questionCount)))));
}

async function open(id) {
  const mine = ++editorSequence;
  try {
    const stored = await api.get(`/api/bank/blueprints/${encodeURIComponent(id)}`);
    if (mine !== editorSequence) {
      return; // the user moved on (another blueprint, or "new") while this one loaded
    }
    currentId = id;
    fill(stored.definition);
    formProblems = [];
    message = null;
    preview = null;
    render();
    check();
  } catch (e) {
    message = { api: asApiError(e) };
    render();
  }
}

function startNew() {
  editorSequence++;
  currentId = null;
  const category = byId('bp-category').value;
  fill({
    id: '', title: '', category, durationMinutes: 120, totalPoints: 100, passMark: 80,
    multipleChoiceRule: 'ALL_OR_NOTHING', exposure: { maxSharedShare: 0.5 },
    sections: [{ type: 'TRUE_FALSE', count: 70, pointsEach: 1 }, { type: 'SINGLE_CHOICE', count: 30, pointsEach: 1 }],
  });
  formProblems = [];
  message = null;
  preview = null;
  render();
  check();
}

// ---- the form ----

function fill(definition) {
  byId('bp-id').value = definition.id || '';
  byId('bp-id').readOnly = currentId !== null;
  byId('bp-title').value = definition.title || '';
  byId('bp-category').value = definition.category || '';
  byId('bp-duration').value = definition.durationMinutes ?? '';
  byId('bp-total').value = definition.totalPoints ?? '';
  byId('bp-pass').value = definition.passMark ?? '';
  byId('bp-mc-rule').value = definition.multipleChoiceRule || 'ALL_OR_NOTHING';
  byId('bp-exposure').value = Math.round(((definition.exposure && definition.exposure.maxSharedShare) ?? 1) * 100);
  sectionsBody.replaceChildren(...(definition.sections || []).map(sectionRow));
}

function sectionRow(section = { type: 'MULTIPLE_CHOICE', count: 10, pointsEach: 2 }) {
  const quotas = (section.knowledgePointQuotas || []).map((q) => `${q.knowledgePoint}:${q.minCount}`).join(i18n.mark('；'));
  const bands = (section.difficultyBands || []).map((b) => `${b.from}-${b.to}:${b.count}`).join(i18n.mark('；'));
  const type = h('select', { class: 'sec-type', 'aria-label': i18n.t('bp.sec.type') },
    TYPES.map((t) => h('option', { value: t }, i18n.t(`type.${t}`))));
  type.value = section.type;
  const row = h('tr', {},
    h('td', {}, type),
    h('td', {}, h('input', { class: 'sec-count', type: 'number', min: 1, value: section.count, 'aria-label': i18n.t('bp.sec.count') })),
    h('td', {}, h('input', { class: 'sec-points', type: 'number', min: 0.5, step: 'any', value: section.pointsEach, 'aria-label': i18n.t('bp.sec.points') })),
    h('td', {}, h('input', { class: 'sec-quotas', type: 'text', value: quotas, placeholder: i18n.t('bp.sec.quotasHint'), 'aria-label': i18n.t('bp.sec.quotas') })),
    h('td', {}, h('input', { class: 'sec-bands', type: 'text', value: bands, placeholder: i18n.t('bp.sec.bandsHint'), 'aria-label': i18n.t('bp.sec.bands') })),
    h('td', {}, h('button', {
      type: 'button', class: 'small-button warn remove-section', title: i18n.t('bp.sec.remove'), 'aria-label': i18n.t('bp.sec.remove'),
      onclick: () => { row.remove(); changed(); },
    }, '×')));
  return row;
}

function number(id) {
  const value = byId(id).value.trim();
  return value === '' ? null : Number(value);
}

/** The form as a blueprint; local parse errors of quota and band cells go into `errors`. */
function definition(errors) {
  const split = (text) => text.split(/[;；\n]/).map((s) => s.trim()).filter(Boolean);
  const sections = [...sectionsBody.querySelectorAll('tr')].map((row, index) => {
    const knowledgePointQuotas = split(row.querySelector('.sec-quotas').value).map((part) => {
      const match = part.match(/^(.+?)\s*[:：]\s*(\d+)$/);
      if (!match) {
        errors.push({ field: `sections[${index}].knowledgePointQuotas`, zh: i18n.tIn('zh', 'bp.badQuota', { text: part }), en: i18n.tIn('en', 'bp.badQuota', { text: part }) });
        return null;
      }
      return { knowledgePoint: match[1].trim(), minCount: Number(match[2]) };
    }).filter(Boolean);
    const difficultyBands = split(row.querySelector('.sec-bands').value).map((part) => {
      const match = part.match(/^(\d)\s*(?:[-–~]\s*(\d))?\s*[:：]\s*(\d+)$/);
      if (!match) {
        errors.push({ field: `sections[${index}].difficultyBands`, zh: i18n.tIn('zh', 'bp.badBand', { text: part }), en: i18n.tIn('en', 'bp.badBand', { text: part }) });
        return null;
      }
      return { from: Number(match[1]), to: Number(match[2] || match[1]), count: Number(match[3]) };
    }).filter(Boolean);
    return {
      type: row.querySelector('.sec-type').value,
      count: Number(row.querySelector('.sec-count').value || 0),
      pointsEach: Number(row.querySelector('.sec-points').value || 0),
      knowledgePointQuotas,
      difficultyBands,
    };
  });
  return {
    id: byId('bp-id').value.trim() || 'draft',
    title: byId('bp-title').value.trim(),
    category: byId('bp-category').value,
    durationMinutes: number('bp-duration') ?? 0,
    totalPoints: number('bp-total') ?? 0,
    passMark: number('bp-pass') ?? 0,
    sections,
    multipleChoiceRule: byId('bp-mc-rule').value,
    exposure: { maxSharedShare: (number('bp-exposure') ?? 100) / 100 },
  };
}

// ---- feasibility ----

async function check() {
  const errors = [];
  const draft = definition(errors);
  const sequence = ++checkSequence;
  if (errors.length) {
    feasibility = { report: { feasible: false, problems: errors, checks: [] } };
    renderFeasibility();
    return;
  }
  feasibility = { checking: true, report: feasibility && feasibility.report };
  renderFeasibility();
  try {
    const report = await api.post('/api/bank/blueprints/feasibility', { blueprint: draft, measureLimit: 100 });
    if (sequence === checkSequence) {
      feasibility = { report };
      bankVersionSeen(report.bankVersion);
    }
  } catch (e) {
    if (sequence === checkSequence) {
      feasibility = { error: asApiError(e) };
    }
  }
  if (sequence === checkSequence) {
    renderFeasibility();
  }
}

const changed = debounce(check, 400);

/** A constraint's machine name (SINGLE_CHOICE/knowledgePoint=触电与急救) with the type in words. */
function constraintName(constraint) {
  const [type, ...rest] = constraint.split('/');
  const typeName = TYPES.includes(type) ? i18n.t(`type.${type}`) : type;
  return rest.length ? `${typeName} · ${rest.join('/')}` : typeName;
}

function renderFeasibility() {
  feasibilityBody.replaceChildren();
  badge.className = 'badge';
  badge.textContent = '';
  if (!feasibility) {
    return;
  }
  if (feasibility.checking) {
    badge.textContent = i18n.t('bp.checking');
  }
  if (feasibility.error) {
    feasibilityBody.append(h('p', { class: 'error' }, feasibility.error.localizedMessage()));
    return;
  }
  const report = feasibility.report;
  if (!report) {
    return;
  }
  if (!feasibility.checking) {
    badge.classList.add(report.feasible ? 'ok' : 'bad');
    badge.textContent = i18n.t(report.feasible ? 'bp.feasible' : 'bp.infeasible');
  }
  if (report.problems && report.problems.length) {
    const box = h('div', { class: 'problems' });
    showProblems(box, report.problems);
    feasibilityBody.append(box);
  }
  if (report.checks && report.checks.length) {
    feasibilityBody.append(h('table', { class: 'data compact' },
      h('thead', {}, h('tr', {}, h('th', {}, i18n.t('bp.check.constraint')), h('th', { class: 'num' }, i18n.t('bp.check.needed')),
        h('th', { class: 'num' }, i18n.t('bp.check.available')))),
      h('tbody', {}, report.checks.map((c) => h('tr', { title: reason(c) },
        h('td', {}, constraintName(c.constraint), h('div', { class: `check-bar${c.sufficient ? '' : ' short'}` },
          h('span', { style: `width:${Math.min(100, Math.round((100 * c.available) / Math.max(1, c.needed)))}%` }))),
        h('td', { class: 'num' }, String(c.needed)),
        h('td', { class: 'num' }, c.sufficient ? String(c.available) : i18n.paren(c.available, `−${c.shortfall}`)))))));
  }
  if (report.exposure) {
    const e = report.exposure;
    feasibilityBody.append(h('p', { class: 'small' }, e.bounded
      ? i18n.t('bp.exposure.bounded', { limit: e.sharedLimit, max: e.maxPapers, shared: e.expectedShared })
      : i18n.t('bp.exposure.unbounded', { limit: e.sharedLimit, shared: e.expectedShared })));
  }
  if (report.measuredPapers !== undefined && report.measuredPapers !== null) {
    feasibilityBody.append(h('p', { class: 'small', id: 'feasibility-measured' }, report.measuredPapers >= report.measureLimit
      ? i18n.t('bp.measuredAll', { limit: report.measureLimit })
      : i18n.t('bp.measured', { count: report.measuredPapers, limit: report.measureLimit })));
  }
}

// ---- save, delete ----

async function save(event) {
  event.preventDefault();
  const errors = [];
  const draft = definition(errors);
  if (errors.length) {
    formProblems = errors;
    render();
    return;
  }
  const button = byId('bp-save');
  setBusy(button, true);
  try {
    const stored = currentId
      ? await api.put(`/api/bank/blueprints/${encodeURIComponent(currentId)}`, draft)
      : await api.post('/api/bank/blueprints', draft);
    currentId = stored.id;
    formProblems = [];
    message = { key: 'bank.saved', kind: 'ok' };
    byId('bp-id').readOnly = true;
    await loadList();
  } catch (e) {
    const error = asApiError(e);
    formProblems = e.body && e.body.problems ? e.body.problems : [];
    message = { api: error };
  } finally {
    setBusy(button, false);
  }
  render();
}

async function remove() {
  if (!currentId || !window.confirm(i18n.t('bp.deleteConfirm', { id: currentId }))) {
    return;
  }
  try {
    await api.del(`/api/bank/blueprints/${encodeURIComponent(currentId)}`);
    message = { key: 'bp.deleted', kind: 'ok' };
    await loadList();
    startNew();
  } catch (e) {
    message = { api: asApiError(e) };
    render();
  }
}

// ---- preview ----

async function showPreview() {
  if (!currentId) {
    preview = { error: { localizedMessage: () => i18n.t('bp.previewNeedsSave') } };
    renderPreview();
    return;
  }
  const button = byId('bp-preview');
  setBusy(button, true);
  const seed = byId('preview-seed').value.trim();
  try {
    preview = { paper: await api.post(`/api/bank/blueprints/${encodeURIComponent(currentId)}/preview`, seed ? { seed } : {}) };
    bankVersionSeen(preview.paper.bankVersion);
  } catch (e) {
    preview = { error: asApiError(e) };
  } finally {
    setBusy(button, false);
  }
  renderPreview();
  byId('preview').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function renderPreview() {
  const box = byId('preview');
  box.replaceChildren();
  box.hidden = !preview;
  if (!preview) {
    return;
  }
  if (preview.error) {
    box.append(h('p', { class: 'error' }, preview.error.localizedMessage()));
    return;
  }
  const paper = preview.paper;
  box.append(h('h2', {}, i18n.t('preview.heading')),
    h('p', { class: 'muted small' }, i18n.t('preview.meta', {
      title: paper.title, count: paper.questionCount, total: paper.totalPoints, pass: paper.passMark,
      minutes: paper.durationMinutes, version: paper.bankVersion, seed: paper.seed,
    })));
  paper.sections.forEach((section) => {
    box.append(h('h3', {}, i18n.t('preview.section', { type: i18n.t(`type.${section.type}`), points: section.pointsEach, count: section.items.length })));
    box.append(h('ol', { class: 'items' }, section.items.map((item) => h('li', { class: 'item', dataset: { answer: item.answer } },
      h('div', { class: 'stem' }, `${item.number}. ${item.stem}`),
      h('ul', { class: 'options' }, item.options.map((o) => h('li', { class: o.correct ? 'correct' : '' }, `${o.label}. ${o.text}${o.correct ? ' ✓' : ''}`))),
      h('div', { class: 'answer' }, i18n.t('preview.answer', { answer: item.answer })),
      h('div', { class: 'meta' }, i18n.t('preview.meta.item', {
        id: item.questionId, version: item.version, difficulty: item.difficulty, points: item.knowledgePoints.join(i18n.mark('、')),
      }))))));
  });
}

function render() {
  byId('bp-editor-heading').textContent = currentId ? `${i18n.t('bp.editor')} · ${currentId}` : i18n.t('bp.editorNew');
  byId('bp-delete').hidden = !currentId;
  showProblems(byId('bp-problems'), formProblems);
  const box = byId('bp-message');
  if (!message) {
    showNotice(box, null);
  } else if (message.api) {
    showNotice(box, message.api.localizedMessage(), 'bad');
  } else {
    showNotice(box, i18n.t(message.key), message.kind);
  }
  renderList();
}

export function init() {
  form.addEventListener('submit', save);
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  byId('blueprint-new').addEventListener('click', startNew);
  byId('bp-add-section').addEventListener('click', () => { sectionsBody.append(sectionRow()); changed(); });
  byId('bp-delete').addEventListener('click', remove);
  byId('bp-preview').addEventListener('click', showPreview);
}

export async function activate() {
  await loadList();
  if (currentId === null && !sectionsBody.children.length) {
    if (blueprints.length) {
      await open(blueprints[0].id);
    } else {
      startNew();
    }
  }
}

export function rerender() {
  // Section rows carry translated labels of their own.
  sectionsBody.querySelectorAll('select.sec-type option').forEach((o) => { o.textContent = i18n.t(`type.${o.value}`); });
  sectionsBody.querySelectorAll('.sec-quotas').forEach((input) => { input.placeholder = i18n.t('bp.sec.quotasHint'); });
  sectionsBody.querySelectorAll('.sec-bands').forEach((input) => { input.placeholder = i18n.t('bp.sec.bandsHint'); });
  sectionsBody.querySelectorAll('button.remove-section').forEach((button) => {
    button.title = i18n.t('bp.sec.remove');
    button.setAttribute('aria-label', i18n.t('bp.sec.remove'));
  });
  render();
  renderFeasibility();
  renderPreview();
}
