// Horizontal bar charts in inline SVG: one row per label, a "total" bar and, when given, an "active" bar.

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
