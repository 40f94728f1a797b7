// Import tab: upload a file with batch defaults, follow the job's progress, show the outcome, every bad
// cell, the skipped duplicates and the mapping preview (the first rows as the bank will store them).
import * as i18n from '../lib/i18n.js';
import { h, byId } from '../lib/dom.js';
import { upload } from '../lib/api.js';
import { api, asApiError, bankVersionSeen, reason, setBusy } from './common.js';
import { formatDateTime } from '../lib/datetime.js';

const MAX_BYTES = 1024 * 1024 - 4096;
const SHOWN_PROBLEMS = 500;

const form = byId('import-form');
const fileInput = byId('import-file');
const formatSelect = byId('import-format');
const dryRun = byId('import-dry-run');
const startButton = byId('import-start');
const errorBox = byId('import-error');
const statusBox = byId('import-status');
const progress = byId('import-progress');
const progressText = byId('import-progress-text');
const resultLine = byId('import-result');
const showQuestions = byId('import-show-questions');

let job = null;
let error = null;
let history = [];
let onShowQuestions = () => {};

function formatOf(file) {
  if (formatSelect.value) {
    return formatSelect.value;
  }
  const name = file.name.toLowerCase();
  if (name.endsWith('.json')) {
    return 'json';
  }
  if (name.endsWith('.docx')) {
    return 'docx';
  }
  if (name.endsWith('.zip') || name.endsWith('.xml')) {
    return 'qti';
  }
  return 'xlsx';
}

async function start(event) {
  event.preventDefault();
  const file = fileInput.files[0];
  error = null;
  if (!file) {
    error = { key: 'import.noFile' };
  } else if (file.size > MAX_BYTES) {
    error = { key: 'import.tooLarge', params: { size: 1 } };
  }
  if (error) {
    render();
    return;
  }
  const format = formatOf(file);
  const query = new URLSearchParams({
    format, fileName: file.name, dryRun: String(dryRun.checked), source: byId('import-source').value,
    duplicates: byId('import-skip-duplicates').checked ? 'skip' : 'refuse',
  });
  const defaults = {
    category: byId('default-category').value,
    difficulty: byId('default-difficulty').value,
    knowledgePoints: byId('default-points').value.trim(),
  };
  Object.entries(defaults).filter(([, value]) => value).forEach(([name, value]) => query.set(name, value));
  setBusy(startButton, true);
  job = null;
  render();
  try {
    job = await upload(`/api/bank/imports?${query}`, file);
    render();
    await follow(job.id);
  } catch (e) {
    error = { api: asApiError(e) };
  } finally {
    setBusy(startButton, false);
    render();
    loadHistory();
  }
}

async function follow(id) {
  while (job && job.status === 'RUNNING') {
    await new Promise((resolve) => setTimeout(resolve, 300));
    job = await api.get(`/api/bank/imports/${id}`);
    render();
  }
  if (job && job.bankVersion) {
    bankVersionSeen(job.bankVersion);
  }
}

function render() {
  errorBox.hidden = !error;
  errorBox.textContent = !error ? '' : error.api ? error.api.localizedMessage() : i18n.t(error.key, error.params);
  statusBox.hidden = !job;
  if (!job) {
    renderProblems([]);
    return;
  }
  const phase = i18n.t(`import.phase.${job.phase}`);
  if (job.total > 0) {
    progress.max = job.total;
    progress.value = job.phase === 'DONE' ? job.total : job.processed;
    progressText.textContent = i18n.t('import.progress', { phase, processed: job.processed, total: job.total });
  } else {
    progress.removeAttribute('value');
    progressText.textContent = i18n.t('import.progressUnknown', { phase });
  }
  if (job.phase === 'DONE') {
    progress.max = 1;
    progress.value = 1;
  }
  resultLine.className = 'result-line';
  resultLine.textContent = '';
  showQuestions.hidden = true;
  if (job.status === 'SUCCEEDED') {
    resultLine.classList.add('ok');
    resultLine.textContent = (job.dryRun
      ? i18n.t('import.result.dryRun', { count: job.questionCount })
      : i18n.t('import.result.applied', { imported: job.imported, version: job.bankVersion }))
      + (job.warningCount ? i18n.t('import.result.skipped', { count: job.warningCount }) : '');
    showQuestions.hidden = job.dryRun;
  } else if (job.status === 'REJECTED') {
    resultLine.classList.add('bad');
    resultLine.textContent = i18n.t(job.dryRun ? 'import.result.rejectedDryRun' : 'import.result.rejected', { count: job.problemCount });
  } else if (job.status === 'FAILED') {
    resultLine.classList.add('bad');
    resultLine.textContent = i18n.t('import.result.failed', { error: job.error || '' });
  }
  renderProblems(job.problems || []);
  renderWarnings(job.warnings || []);
  renderPreview(job.preview);
}

function reportRow(p) {
  return h('tr', {},
    h('td', { class: 'num' }, p.row > 0 ? String(p.row) : i18n.t('import.wholeFile')),
    h('td', {}, p.column || ''),
    h('td', {}, reason(p)));
}

function renderWarnings(warnings) {
  byId('import-warnings-box').hidden = !warnings.length;
  byId('import-warnings').replaceChildren(...warnings.slice(0, SHOWN_PROBLEMS).map(reportRow));
}

function renderPreview(preview) {
  const rows = preview ? preview.rows : [];
  byId('import-preview-box').hidden = !rows.length;
  byId('import-layout').textContent = preview && preview.layout ? reason(preview.layout) : '';
  byId('import-preview').replaceChildren(...rows.map((q) => h('tr', {},
    h('td', { class: 'num' }, String(q.row)),
    h('td', {}, i18n.t(`type.${q.type}`)),
    h('td', {}, q.stem),
    h('td', { class: 'small' }, q.options.map((text, i) => `${String.fromCharCode(65 + i)}. ${text}`).join('  ')),
    h('td', {}, q.answer),
    h('td', { class: 'small' }, q.knowledgePoints.join('；')),
    h('td', { class: 'num' }, String(q.difficulty)),
    h('td', {}, q.category))));
}

function renderProblems(problems) {
  byId('import-problems-box').hidden = !problems.length;
  byId('import-problems').replaceChildren(...problems.slice(0, SHOWN_PROBLEMS).map(reportRow));
  const more = (job ? job.problemCount : problems.length) - Math.min(problems.length, SHOWN_PROBLEMS);
  byId('import-more-problems').hidden = more <= 0;
  byId('import-more-problems').textContent = more > 0 ? i18n.t('import.moreProblems', { count: more }) : '';
}

async function loadHistory() {
  try {
    history = (await api.get('/api/bank/imports')).imports;
  } catch (e) {
    history = [];
    asApiError(e);
  }
  renderHistory();
}

function renderHistory() {
  byId('import-history').replaceChildren(...history.slice(0, 8).map((j) => h('tr', {},
    h('td', { class: 'small' }, formatDateTime(j.createdAt)),
    h('td', { class: 'small' }, j.fileName, j.dryRun ? h('span', { class: 'sub' }, i18n.t('import.dryRunTag')) : null),
    h('td', { class: 'small' }, i18n.t(`import.status.${j.status}`),
      j.status === 'SUCCEEDED' && !j.dryRun ? ` (${j.imported})` : j.problemCount ? ` (${j.problemCount})` : ''))));
}

export function init(showImportedQuestions) {
  onShowQuestions = showImportedQuestions;
  form.addEventListener('submit', start);
  showQuestions.addEventListener('click', () => onShowQuestions(job.id));
  loadHistory();
}

export function rerender() {
  render();
  renderHistory();
}
