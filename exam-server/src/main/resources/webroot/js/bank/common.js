// What the parts of the bank page share: the category tree, API calls, and the way problems and
// errors are shown in the current language.
import * as i18n from '../lib/i18n.js';
import { request } from '../lib/api.js';

export { asApiError } from '../lib/page-header.js';
import { h } from '../lib/dom.js';

export const shared = {
  categories: { operationClasses: [], employeeCategories: [] },
  listeners: [],
};

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  del: (path) => request('DELETE', path),
};

// ---- categories ----

export async function loadCategories() {
  shared.categories = await api.get('/api/bank/categories');
  fillCategorySelects();
}

export function categoryName(code) {
  for (const operationClass of shared.categories.operationClasses) {
    const item = operationClass.items.find((i) => i.code === code);
    if (item) {
      return item.name;
    }
  }
  const employee = shared.categories.employeeCategories.find((c) => c.code === code);
  return employee ? employee.name : code;
}

/** Rebuilds every select.category-select, keeping its value; data-all adds an "all" choice, data-none a "none" one. */
export function fillCategorySelects() {
  document.querySelectorAll('select.category-select').forEach((select) => {
    const value = select.value;
    select.replaceChildren();
    if (select.dataset.all) {
      select.append(h('option', { value: '' }, i18n.t('bank.all')));
    }
    if (select.dataset.none) {
      select.append(h('option', { value: '' }, i18n.t('bank.none')));
    }
    shared.categories.operationClasses.forEach((operationClass) => {
      if (!operationClass.items.length) {
        return;
      }
      select.append(h('optgroup', { label: operationClass.name },
        operationClass.items.map((item) => h('option', { value: item.code }, i18n.paren(item.name, item.code)))));
    });
    if (shared.categories.employeeCategories.length) {
      select.append(h('optgroup', { label: i18n.lang() === 'zh' ? '主要负责人和安全生产管理人员' : 'Principals and safety managers' },
        shared.categories.employeeCategories.map((c) => h('option', { value: c.code }, i18n.paren(c.name, c.code)))));
    }
    if ([...select.options].some((o) => o.value === value)) {
      select.value = value;
    }
  });
}

// ---- showing outcomes ----

/** The reason of a problem ({zh, en}) in the current language. */
export function reason(problem) {
  return problem[i18n.lang()] || problem.zh || problem.en || '';
}

/** Fills a .problems box with [{field|column|id, zh, en}] or hides it when there are none. */
export function showProblems(box, problems) {
  box.replaceChildren();
  box.hidden = !problems || !problems.length;
  if (box.hidden) {
    return;
  }
  box.append(h('ul', {}, problems.map((p) => {
    const where = p.field ?? p.column ?? (p.id ? `${p.id}${p.version ? `@${p.version}` : ''}` : '');
    return h('li', {}, where ? h('code', {}, where) : null, where ? ' ' : null, reason(p));
  })));
}

export { setBusy } from '../lib/busy.js';
/** Shows a message box: kind '' (info), 'ok' or 'bad'; text null hides it. */
export { paintNotice as showNotice } from '../lib/notice.js';

/** Tells the page a newer bank version was seen. */
export function bankVersionSeen(version) {
  if (version !== null && version !== undefined) {
    shared.listeners.forEach((listener) => listener(version));
  }
}
