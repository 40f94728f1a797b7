// Item analysis on the statistics tab: the item map (p against discrimination, flagged questions in
// red), the option bars of the question picked on it, the sessions' reliability and score spread,
// and the .xlsx export.
import * as i18n from '../lib/i18n.js';
import { h, byId } from '../lib/dom.js';
import { api, asApiError } from './common.js';
import { barChart, itemMap } from '../lib/charts.js';

let analysis = null;
let error = null;
let selected = null;
let sequence = 0;

export async function load(category) {
  const mine = ++sequence;
  const query = category ? `?category=${encodeURIComponent(category)}` : '';
  byId('analysis-export').href = `/api/bank/item-analysis/export${query}`;
  try {
    const answer = await api.get(`/api/bank/item-analysis${query}`);
    if (mine !== sequence) {
      return;
    }
    analysis = answer;
    error = null;
    const flagged = analysis.items.findIndex((item) => item.flags.length);
    selected = analysis.items.length ? Math.max(0, flagged) : null;
  } catch (e) {
    if (mine !== sequence) {
      return;
    }
    error = asApiError(e);
  }
  render();
}

function number(value, digits = 2) {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

function tile(value, label, id) {
  return h('div', { class: 'summary-tile', id }, h('div', { class: 'value' }, String(value)), h('div', { class: 'label' }, label));
}

function render() {
  const summary = byId('analysis-summary');
  if (error) {
    summary.replaceChildren(h('p', { class: 'error' }, error.localizedMessage()));
    return;
  }
  if (!analysis) {
    return;
  }
  const sittings = analysis.sessions.reduce((sum, s) => sum + s.sittings, 0);
  summary.replaceChildren(tile(analysis.items.length, i18n.t('analysis.items'), 'analysis-items'),
    tile(analysis.flagged, i18n.t('analysis.flagged'), 'analysis-flagged'),
    tile(sittings, i18n.t('analysis.scoredSittings'), 'analysis-sittings'));
  itemMap(byId('chart-item-map'), analysis.items.map((item) => ({
    p: item.p,
    r: item.pointBiserial ?? 0,
    flagged: item.flags.length > 0,
    label: `${item.id} v${item.version}: p=${number(item.p)} r=${number(item.pointBiserial)} (${item.sittings})`,
  })), {
    title: i18n.t('analysis.map'),
    emptyText: i18n.t('analysis.empty'),
    thresholds: analysis.thresholds,
    selected,
    onSelect: (index) => {
      selected = index;
      render();
    },
  });
  renderSelected();
  byId('analysis-sessions').replaceChildren(...analysis.sessions.map((s) => h('tr', {},
    h('td', { class: 'num' }, String(s.sessionId)),
    h('td', { class: 'num' }, String(s.sittings)),
    h('td', { class: 'num' }, `${number(s.meanPoints, 1)} ± ${number(s.sdPoints, 1)} / ${number(s.totalPoints, 0)}`),
    h('td', { class: 'num' }, number(s.passMark, 0)),
    h('td', { class: 'num' }, `${Math.round(s.passRate * 100)}%`),
    h('td', { class: 'num' }, number(s.kr20)),
    h('td', { class: 'small' }, s.histogram.join(' · ')))));
}

function renderSelected() {
  const item = selected === null ? null : analysis.items[selected];
  const caption = byId('analysis-selected');
  if (!item) {
    caption.textContent = '';
    byId('chart-options').replaceChildren();
    return;
  }
  const unused = item.options.filter((o) => o.neverChosen).map((o) => o.label).join('、');
  caption.replaceChildren(
    h('strong', {}, `${item.id} v${item.version}`), ` ${item.stem || ''}`,
    h('br'),
    i18n.t('analysis.detail', {
      p: number(item.p), r: number(item.pointBiserial), d: number(item.upperLower), sittings: item.sittings,
      papers: item.papers, seconds: item.meanSeconds === null ? '—' : Math.round(item.meanSeconds),
    }),
    unused ? h('span', { class: 'review-flag' }, i18n.t('analysis.unused', { options: unused })) : null,
    ...item.flags.map((f) => h('span', { class: 'review-flag' }, h('span', { class: 'badge bad' }, i18n.t('analysis.review')),
      ` ${f[i18n.lang()] || f.zh}`)));
  barChart(byId('chart-options'), item.options.map((o) => ({
    label: `${o.label}${o.key ? ' ✓' : ''} ${o.text || ''}`,
    total: Math.round(o.share * 100),
  })), { title: i18n.t('analysis.options'), emptyText: i18n.t('analysis.empty'), labelWidth: 170 });
}

export function rerender() {
  render();
}
