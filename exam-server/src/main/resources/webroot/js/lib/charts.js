// Charts in inline SVG: horizontal bars (one row per label, a "total" bar and, when given, an "active"
// bar) and the item map of item analysis.

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(NS, tag);
  Object.entries(attributes).forEach(([key, value]) => {
    if (key === 'style') {
      // Through the CSSOM: the Content-Security-Policy refuses style attributes written as markup.
      element.style.cssText = String(value);
    } else {
      element.setAttribute(key, String(value));
    }
  });
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

function shorten(label, max) {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/**
 * Draws rows [{label, total, active?}] into container (replacing its content).
 * options: title (for screen readers), emptyText, width (px at full size, 600 by default), labelWidth.
 */
export function barChart(container, rows, options = {}) {
  container.replaceChildren();
  if (!rows.length) {
    const empty = document.createElement('p');
    empty.className = 'muted small';
    empty.textContent = options.emptyText || '';
    container.append(empty);
    return;
  }
  const width = options.width || 600;
  const labelWidth = options.labelWidth || 130;
  const paired = rows.some((row) => row.active !== undefined && row.active !== null);
  const rowHeight = paired ? 30 : 22;
  const barHeight = paired ? 11 : 14;
  const plotWidth = width - labelWidth - 70;
  const height = rows.length * rowHeight + 6;
  const max = Math.max(1, ...rows.map((row) => Math.max(row.total || 0, row.active || 0)));
  const chart = svg('svg', {
    class: 'bars', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', preserveAspectRatio: 'xMinYMin meet',
    style: `max-width:${width}px`,
  });
  chart.append(svg('title', {}, options.title || ''));
  rows.forEach((row, index) => {
    const top = index * rowHeight + 4;
    const group = svg('g', { class: 'row' });
    group.append(svg('title', {}, paired ? `${row.label}: ${row.active ?? 0} / ${row.total}` : `${row.label}: ${row.total}`));
    group.append(svg('text', { x: labelWidth - 8, y: top + rowHeight / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' },
      shorten(String(row.label), 12)));
    const totalWidth = (plotWidth * (row.total || 0)) / max;
    group.append(svg('rect', { class: 'bar total', x: labelWidth, y: top + 2, width: Math.max(totalWidth, row.total ? 2 : 0), height: barHeight, rx: 2 }));
    if (paired) {
      const activeWidth = (plotWidth * (row.active || 0)) / max;
      group.append(svg('rect', { class: 'bar active', x: labelWidth, y: top + 3 + barHeight, width: Math.max(activeWidth, row.active ? 2 : 0), height: barHeight, rx: 2 }));
    }
    group.append(svg('text', { class: 'value', x: labelWidth + totalWidth + 6, y: top + rowHeight / 2, 'dominant-baseline': 'middle' },
      paired ? `${row.active ?? 0} / ${row.total}` : String(row.total)));
    chart.append(group);
  });
  container.append(chart);
}

/**
 * The item map: one point per question at (p, r), p from 0 to 1 across, r from -0.5 to 1 up (clamped),
 * with the review thresholds dashed. points: [{p, r, flagged, label}]; options: title, emptyText,
 * thresholds {tooHardBelow, tooEasyAbove, weakDiscriminationBelow}, onSelect(index), selected (index).
 */
export function itemMap(container, points, options = {}) {
  container.replaceChildren();
  if (!points.length) {
    const empty = document.createElement('p');
    empty.className = 'muted small';
    empty.textContent = options.emptyText || '';
    container.append(empty);
    return;
  }
  const width = 640;
  const height = 360;
  const left = 40;
  const bottom = 30;
  const x = (p) => left + p * (width - left - 10);
  const y = (r) => (height - bottom) - ((Math.max(-0.5, Math.min(1, r)) + 0.5) / 1.5) * (height - bottom - 10);
  const chart = svg('svg', {
    class: 'item-map', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', preserveAspectRatio: 'xMinYMin meet',
    style: `max-width:${width}px`,
  });
  chart.append(svg('title', {}, options.title || ''));
  const t = options.thresholds || {};
  [t.tooHardBelow, t.tooEasyAbove].filter((v) => v !== undefined)
    .forEach((v) => chart.append(svg('line', { class: 'threshold', x1: x(v), x2: x(v), y1: y(1), y2: y(-0.5) })));
  [0, t.weakDiscriminationBelow].filter((v) => v !== undefined)
    .forEach((v) => chart.append(svg('line', { class: v === 0 ? 'axis' : 'threshold', x1: x(0), x2: x(1), y1: y(v), y2: y(v) })));
  chart.append(svg('line', { class: 'axis', x1: x(0), x2: x(0), y1: y(1), y2: y(-0.5) }));
  [0, 0.2, 0.4, 0.6, 0.8, 1].forEach((v) => chart.append(svg('text', { x: x(v), y: height - 10, 'text-anchor': 'middle' }, v.toFixed(1))));
  [-0.5, 0, 0.5, 1].forEach((v) => chart.append(svg('text', { x: left - 6, y: y(v), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, v.toFixed(1))));
  chart.append(svg('text', { x: width - 10, y: height - 10, 'text-anchor': 'end' }, 'p'));
  chart.append(svg('text', { x: left + 6, y: 14 }, 'r'));
  points.forEach((point, index) => {
    const circle = svg('circle', {
      class: `point${point.flagged ? ' flagged' : ''}${index === options.selected ? ' selected' : ''}`,
      cx: x(point.p), cy: y(point.r), r: 5, tabindex: 0, 'data-index': index,
    });
    circle.append(svg('title', {}, point.label));
    if (options.onSelect) {
      circle.addEventListener('click', () => options.onSelect(index));
      circle.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          options.onSelect(index);
        }
      });
    }
    chart.append(circle);
  });
  container.append(chart);
}
