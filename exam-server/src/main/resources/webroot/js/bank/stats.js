// Statistics tab: counts per knowledge point, difficulty, type, status and category, as SVG bars, and
// the item analysis below them.
import * as i18n from '../lib/i18n.js';
import { h, byId } from '../lib/dom.js';
import { api, asApiError, bankVersionSeen } from './common.js';
import { barChart } from '../lib/charts.js';
import * as analysis from './analysis.js';

const STATUSES = ['DRAFT', 'REVIEWED', 'ACTIVE', 'RETIRED'];

let stats = null;
let error = null;
let sequence = 0;

export async function load() {
  const category = byId('stats-category').value;
  analysis.load(category);
  const mine = ++sequence;
  try {
    const answer = await api.get(`/api/bank/statistics${category ? `?category=${encodeURIComponent(category)}` : ''}`);
    if (mine !== sequence) {
      return; // a newer request (another category) has been made meanwhile
    }
    stats = answer;
    error = null;
    bankVersionSeen(stats.bankVersion);
  } catch (e) {
    if (mine !== sequence) {
      return;
    }
    error = asApiError(e);
  }
  render();
}

function tile(value, label, id) {
  return h('div', { class: 'summary-tile', id }, h('div', { class: 'value' }, String(value)), h('div', { class: 'label' }, label));
}

function render() {
  const summary = byId('stats-summary');
  summary.replaceChildren();
  if (error) {
    summary.append(h('p', { class: 'error' }, error.localizedMessage()));
    return;
  }
  if (!stats) {
    return;
  }
  summary.append(tile(stats.questions, i18n.t('stats.questions'), 'stats-questions'),
    tile(stats.active, i18n.t('stats.active'), 'stats-active'),
    ...STATUSES.map((s) => tile(stats.byStatus[s] ?? 0, i18n.t(`status.${s}`))));
  const empty = i18n.t('stats.empty');
  const points = [...stats.byKnowledgePoint].sort((a, b) => b.total - a.total || a.knowledgePoint.localeCompare(b.knowledgePoint)).slice(0, 30);
  barChart(byId('chart-kp'), points.map((p) => ({ label: p.knowledgePoint, total: p.total, active: p.active })),
    { title: i18n.t('stats.byKp'), emptyText: empty, labelWidth: 170, width: 1100 });
  barChart(byId('chart-difficulty'), stats.byDifficulty.map((d) => ({ label: i18n.t('stats.difficulty', { level: d.difficulty }), total: d.total, active: d.active })),
    { title: i18n.t('stats.byDifficulty'), emptyText: empty });
  barChart(byId('chart-type'), stats.byType.map((t) => ({ label: i18n.t(`type.${t.type}`), total: t.total, active: t.active })),
    { title: i18n.t('stats.byType'), emptyText: empty });
  barChart(byId('chart-status'), STATUSES.map((s) => ({ label: i18n.t(`status.${s}`), total: stats.byStatus[s] ?? 0 })),
    { title: i18n.t('stats.byStatus'), emptyText: empty });
  barChart(byId('chart-category'), stats.byCategory.map((c) => ({ label: c.name || c.category, total: c.total, active: c.active })),
    { title: i18n.t('stats.byCategory'), emptyText: empty, labelWidth: 170 });
}

export function init() {
  byId('stats-category').addEventListener('change', load);
}

export function rerender() {
  render();
  analysis.rerender();
}
