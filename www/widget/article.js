// The article layout, the default for a calculator in a post: one sentence that answers, the
// inputs that move it, and everything else behind one "More" row, whose panels (panel-grid.js)
// load when it is first opened.
import { relativeChange, signOf } from './decimal.js';
import { h, setAttr, setText } from './dom.js';
import { field } from './form.js';
import { formatNumber } from './format.js';
import { funnelPanel } from './panels/funnel.js';
import { stageNoun } from './pointer-display.js';
import { SECTION_TABLE, sectionOf, shownModules } from './sections.js';
import { textKey } from './i18n.js';

/** @typedef {import('./view.js').CalculatorView} View */

/** @type {typeof import('./panel-grid.js') | null} */
let grid = null;
/** The panels of a dashboard and of the "More" row, loaded once. */
export const loadPanelGrid = () => import('./panel-grid.js').then((module) => (grid = module));
/** The panel grid when it has loaded, else null. */
export const panelGridLoaded = () => grid;

/**
 * "More: what-if · what it takes · plan", naming the sections behind it (those the article does
 * not show up front, sections.js), each by its word: moreNameWhatif, moreNameGoal, …
 * @param {View} view
 */
function moreLabel(view) {
  const named = SECTION_TABLE.filter((section) => !section.lead && view.sections.has(section.token)).map((section) => view.t(textKey('moreName', section.token)));
  return view.t('more', { list: (named.length ? named : [view.t('moreNameAll')]).join(' · ') });
}

/**
 * The answer: with a target, what it takes to reach it; else what the funnel brings. Each number
 * is the engine's (the report) or an input, exactly, in data-value.
 * @param {View} view
 */
function answer(view) {
  const sentence = h('p', { class: 'answer', part: 'answer' });
  /** @type {Record<string, HTMLElement>} */
  const numbers = {};
  const number = (/** @type {string} */ name, /** @type {string | null | undefined} */ value, /** @type {import('./format.js').DisplayKind} */ kind, /** @type {string} */ pointer = '') => {
    const span = (numbers[name] ??= h('span', { class: 'n', 'data-result': pointer || null }));
    setText(span, formatNumber(value, kind, view.numberStyle));
    setAttr(span, 'data-value', value ?? '');
    return span;
  };
  let shownKey = '';
  view.afterUpdate.push(() => {
    const { report, model } = view;
    if (!report?.funnel) return;
    const last = model.funnel.stages.length - 1;
    const needed = view.sections.has('target') && model.target !== undefined ? report.target?.needed?.top : null;
    const change = needed ? relativeChange(needed, model.funnel.top) : null;
    const key = change === null ? 'answerFunnel' : signOf(change) > 0 ? 'answerTarget' : 'answerMet';
    const words = { noun: view.topNoun, won: stageNoun(view, last) };
    /** @type {Record<string, HTMLElement | string>} */
    const parts = {
      ...words,
      top: number('top', model.funnel.top, 'count', ''),
      revenue: number('revenue', report.funnel.revenue, 'money', '/funnel/revenue'),
      deals: number('deals', report.funnel.deals, 'count', '/funnel/deals'),
      target: number('target', model.target, 'money'),
      needed: number('needed', needed, 'count', '/target/needed/top'),
      change: number('change', change, 'percent'),
    };
    // The sentence is made again only when its words change; its numbers are updated above.
    const shown = JSON.stringify([key, words, view.lang]);
    if (shown === shownKey) return;
    shownKey = shown;
    sentence.replaceChildren(...view.t(key).split(/\{(\w+)\}/).map((piece, i) => (i % 2 ? (parts[piece] ?? '') : piece)));
  });
  return sentence;
}

/**
 * The inputs the answer depends on: the top of the funnel, each step's conversion, the deal
 * value, and the target and cycle when shown.
 * @param {View} view
 */
function inputGrid(view) {
  const { t, sections } = view;
  return h(
    'div',
    { class: 'answer-inputs' },
    field(view, '/funnel/top', view.topLabel),
    view.model.funnel.stages.map((_, i) => field(view, `/funnel/stages/${i}/rate`, t('leverRate', { name: stageNoun(view, i) }))),
    field(view, '/funnel/dealSize', t('dealSize')),
    sections.has('target') && field(view, '/target', t('target')),
    sections.has('velocity') && field(view, '/cycleDays', t('cycleDays')),
  );
}

/**
 * The "More" row and the panels behind it, made when it is first opened (and at once when it
 * was open before a rebuild).
 * @param {View} view
 */
function more(view) {
  const body = h('div', { class: 'more-body' });
  const fill = () => {
    if (grid) body.replaceChildren(h('div', {}, grid.panelGrid(view, false)));
  };
  const details = h('details', { class: 'more', part: 'more' }, h('summary', { text: moreLabel(view) }), body);
  if (view.moreOpen && grid) {
    details.open = true;
    fill();
  }
  details.addEventListener('toggle', () => {
    view.moreOpen = details.open;
    if (!details.open || body.firstChild) return;
    // A reader's click: what the panels behind it need loads now (prepare.js), then they are drawn.
    view.loadDrawn().then((drawable) => {
      if (!drawable || !details.isConnected || body.firstChild) return;
      fill();
      view.recompute();
    });
  });
  return details;
}

/**
 * A part of the article titled for screen readers (and for the spreadsheet's sections), but not
 * boxed or titled on screen like a panel.
 * @param {View} view
 * @param {string} key its title's text
 * @param {...import('./dom.js').Child} children
 */
function lead(view, key, ...children) {
  const id = view.nextId();
  return h('section', { class: 'panel lead', 'aria-labelledby': id }, h('h3', { id, class: 'sr', text: view.t(key) }), children);
}

/** @param {View} view */
export function article(view) {
  const { sections, panels } = view;
  // Without the funnel (pacing's Progress panel alone) the panels are the answer.
  if (![...sections].some((section) => sectionOf(section)?.lead)) {
    return h('div', { class: 'grid' }, shownModules(sections).map((name) => panels[name]?.render(view, sections)));
  }
  return [
    lead(view, 'pResults', answer(view), (view.staleNote = h('p', { class: 'stale-note' }))),
    view.shape.editableStages ? funnelPanel(view) : lead(view, 'pFunnel', inputGrid(view), (view.generalError = h('p', { class: 'err' }))),
    more(view),
  ];
}
