// Operation items by their names (低压电工作业), not their codes (ELEC-LV): the code stays beside the
// name in small print and in the title, for those who match on it.
import { get } from './api.js';
import { h } from './dom.js';

let names = new Map();

/** Reads the names (GET /api/operation-items) once the page has signed in. */
export async function loadOperationItems() {
  try {
    names = new Map(((await get('/api/operation-items')).items || []).map((item) => [item.code, item.name]));
  } catch (error) {
    // Without the names the page still works: it shows the codes, as before.
    names = new Map();
  }
}

/** The item's name, or its code when the bank has no name for it. */
export function operationItemName(code) {
  return names.get(code) || code || '';
}

/** The name with the code after it in small print, as an element. */
export function operationItemLabel(code) {
  const name = names.get(code);
  return name
    ? h('span', { class: 'operation-item', title: code }, name, ' ', h('small', { class: 'muted' }, code))
    : h('span', { class: 'operation-item' }, code || '');
}
