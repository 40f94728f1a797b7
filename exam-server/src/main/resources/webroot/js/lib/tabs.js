// Tabs: buttons with role="tab" inside .tabs, each naming its panel's id in data-panel.

import { byId } from './dom.js';

/** Selects the tab of this panel and shows the panel alone. */
export function showTab(panelId) {
  document.querySelectorAll('.tabs [role=tab]').forEach((tab) => {
    const selected = tab.dataset.panel === panelId;
    tab.setAttribute('aria-selected', String(selected));
    byId(tab.dataset.panel).hidden = !selected;
  });
}
