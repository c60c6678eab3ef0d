// The builder's snippet tabs, in the WAI-ARIA tabs pattern with automatic activation: Left and
// Right (wrapping), Home and End move between tabs and show their panel; only the selected tab is
// in the Tab order. "Where do you publish?" opens the tab that fits, and follows a chosen tab.
const tablist = /** @type {HTMLElement} */ (document.querySelector('.tabs [role=tablist]'));
const tabs = /** @type {HTMLElement[]} */ ([...tablist.querySelectorAll('[role=tab]')]);
const platform = /** @type {HTMLSelectElement} */ (document.getElementById('platform'));

/** @param {HTMLElement} tab @param {boolean} [focus] */
function select(tab, focus) {
  for (const each of tabs) {
    const on = each === tab;
    each.setAttribute('aria-selected', String(on));
    each.tabIndex = on ? 0 : -1;
    /** @type {HTMLElement} */ (document.getElementById(/** @type {string} */ (each.getAttribute('aria-controls')))).hidden = !on;
  }
  platform.value = tab.id.replace(/^tab-/, '');
  if (focus) tab.focus();
}

tablist.addEventListener('click', (event) => {
  const tab = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('[role=tab]'));
  if (tab) select(tab);
});

tablist.addEventListener('keydown', (event) => {
  const at = tabs.indexOf(/** @type {HTMLElement} */ (document.activeElement));
  if (at < 0) return;
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  select(tabs[(to + tabs.length) % tabs.length], true);
});

platform.addEventListener('change', () => select(/** @type {HTMLElement} */ (document.getElementById(`tab-${platform.value}`))));
