// DOM building. Text only ever goes in through textContent, attribute values or form values, so
// whatever a reader types (a stage named "<img onerror=…>") stays text.
import { fmt, currencyAffix, shift, sub } from './format.js';
import { getAt } from './state.js';
import { funnel, scenario } from './charts.js';

export function h(tag, props, ...kids) {
  const e = document.createElement(tag);
  for (const k in props) {
    const v = props[k];
    if (v == null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k[0] === 'o' && k[1] === 'n') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...kids.flat(9).filter((x) => x != null && x !== false));
  return e;
}

// ---- what a pointer is called and how its value is shown ----

const KINDS = [
  [/ltvToCac/, 'ratio'],
  [/perDay/, 'perDay'],
  [/payback/, 'month'],
  [/cycleDays/, 'day'],
  [/lifespan/, 'year'],
  [/dealSize|^\/target(\/gap)?$|revenue|acquisitionCost|purchaseValue|previous|current|\/cac$|clv/, 'money'],
  [/rate$|Margin|Churn|conversion|attainment|churn$/, 'pct'],
];
export const kindOf = (ptr) => KINDS.find(([re]) => re.test(ptr))?.[1] ?? 'count';

/** The reader's name for a model or report pointer. */
export function labelOf(w, ptr) {
  const { t, model } = w;
  if (ptr === '/funnel/top' || ptr === '/target/needed/top') return w.topLabel;
  const m = /stages\/(\d+)\/(\w+)$/.exec(ptr);
  if (m) {
    const name = model.funnel.stages[m[1]]?.name ?? '';
    return m[2] === 'rate' ? t('lever_rate', { name }) : m[2] === 'name' ? t('step', { n: +m[1] + 1 }) : name;
  }
  // The text's key is the pointer's last word ("/funnel/dealSize": dealSize), the section's for a
  // rate ("/growth/rate": growth); a pointer without one keeps its own name.
  const p = ptr.split('/');
  const key = p.at(-1) === 'rate' ? p[1] : p.at(-1);
  const s = t(key);
  return s === key ? ptr : s;
}

export function show(w, v, kind) {
  if (kind === 'perDay') return v == null ? '—' : w.t('perDayUnit', { v: fmt(v, 'money', w.loc) });
  return fmt(v, kind, w.loc);
}

/** A model value as it appears in its input: rates as percentages, in the reader's format. */
export function inputText(w, ptr, kind) {
  const v = getAt(w.model, ptr);
  if (v == null) return '';
  if (kind === 'text') return v;
  return fmt(kind === 'pct' ? shift(v, 2) : v, 'input', w.loc);
}

// ---- form parts ----

/** A labelled text input bound to a model pointer (or, with `data`, to another attribute). */
export function field(w, ptr, label, kind, { hint, data = 'data-field', value, signed, cls } = {}) {
  const id = w.uid();
  const aff = kind === 'money' && currencyAffix(w.loc);
  const input = h('input', {
    id,
    type: 'text',
    inputmode: kind === 'text' || signed ? null : 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: kind === 'text' ? 40 : 64,
    [data]: ptr,
    part: 'input',
    'aria-describedby': `${id}-e${hint ? ` ${id}-h` : ''}`,
    oninput: () => w.onInput(f),
    onchange: () => w.onCommit(f),
  });
  input.value = value ?? inputText(w, ptr, kind);
  const err = h('p', { class: 'err', id: `${id}-e` });
  const f = { ptr, data, input, err, kind };
  w.fields.push(f);
  const control = h(
    'div',
    { class: 'control' },
    aff && aff.before && h('span', { class: 'affix', text: aff.sym }),
    input,
    aff && !aff.before && h('span', { class: 'affix', text: aff.sym }),
    kind === 'pct' && h('span', { class: 'affix', text: '%' }),
  );
  return h(
    'div',
    { class: `field${cls ? ` ${cls}` : ''}` },
    h('label', { for: id, text: label }),
    control,
    hint && h('p', { class: 'hint', id: `${id}-h`, text: hint }),
    err,
  );
}

/**
 * A result row: label and value in a <summary>, and inside, how it is calculated with the reader's
 * numbers (filled in by w.how when the row is opened).
 */
export function result(w, ptr, { big, label } = {}) {
  const kind = kindOf(ptr);
  const v = h('span', { class: 'v', 'data-result': ptr, part: 'value' });
  const k = h('span', { class: 'k', text: label ?? labelOf(w, ptr) });
  const p = h('p', { class: 'how' });
  const d = h('details', { class: `res${big ? ' big' : ''}`, part: 'result' }, h('summary', {}, k, v), p);
  const fill = () => d.open && w.how(p, ptr);
  d.addEventListener('toggle', fill);
  w.outs.push({ el: v, ptr, kind, src: 'rep', row: d, after: () => ((k.textContent = label ?? labelOf(w, ptr)), fill()) });
  return d;
}

/** A value cell or span bound to base, scenario or difference. */
export function out(w, tag, ptr, src, attrs = {}) {
  const el = h(tag, attrs);
  // One element per pointer carries the test hook: the headline, not its repeat in the table.
  const hook = { scen: 'data-scenario', diff: 'data-scenario-diff' }[src];
  if (hook && !w.hooks.has(hook + ptr)) {
    w.hooks.add(hook + ptr);
    el.setAttribute(hook, ptr);
  }
  w.outs.push({ el, ptr, kind: kindOf(ptr), src });
  return el;
}

export function panel(w, key, cls, ...kids) {
  const id = w.uid();
  return h('section', { class: `panel ${cls ?? ''}`, part: `panel ${key}`, 'aria-labelledby': id, 'data-section': key }, h('h3', { id, text: w.t(key) }), kids);
}

/** Wraps a table so it can scroll sideways on a narrow screen, by keyboard too. */
export function tableBox(w, caption, head, body) {
  return h(
    'div',
    { class: 'tbox', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', {}, h('caption', { class: 'sr', text: caption }), h('thead', {}, h('tr', {}, head.map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null, text: x })))), body),
  );
}

/** Difference value for display: money and counts as signed amounts, percentages as points. */
export function showDiff(w, a, b, kind) {
  if (a == null || b == null) return ['—', ''];
  const d = sub(a, b);
  if (kind === 'pct') return [`${fmt(shift(d, 2), 'numSigned', w.loc)} ${w.t('ppShort')}`, d];
  return [fmt(d, kind === 'money' || kind === 'perDay' ? 'moneySigned' : 'numSigned', w.loc), d];
}

// ---- panels ----

function stageRow(w, i) {
  const { t } = w;
  const stages = () => w.model.funnel.stages;
  const prev = () => (i ? stages()[i - 1].name : w.topNoun);
  const rate = field(w, `/funnel/stages/${i}/rate`, t('rate'), 'pct', { hint: ' ', cls: 'rate' });
  const hint = rate.querySelector('.hint');
  const del = stages().length > 1 ? h('button', { type: 'button', class: 'icon', part: 'button', onclick: () => w.removeStage(i) }, h('span', { 'aria-hidden': 'true', text: '×' })) : null;
  w.after.push(() => {
    hint.textContent = t('rateHint', { prev: prev() });
    del?.setAttribute('aria-label', t('removeStage', { n: i + 1, name: stages()[i].name }));
  });
  return h(
    'fieldset',
    { class: 'stage' },
    h('legend', { text: t('step', { n: i + 1 }) }),
    h('div', { class: 'row' }, field(w, `/funnel/stages/${i}/name`, t('stageName'), 'text', { cls: 'name' }), rate, del),
  );
}

function inputsPanel(w) {
  const { t, sections: s } = w;
  const n = w.model.funnel.stages.length;
  return panel(
    w,
    'pFunnel',
    'inputs',
    s.has('funnel') && [
      h('p', { class: 'formula', text: t('formula', { top: w.topLabel }) }),
      field(w, '/funnel/top', w.topLabel, 'count'),
      w.model.funnel.stages.map((_, i) => stageRow(w, i)),
      n < 12 && h('button', { type: 'button', class: 'ghost', part: 'button', onclick: () => w.addStage() }, h('span', { 'aria-hidden': 'true', text: '+ ' }), t('addStage')),
      field(w, '/funnel/dealSize', t('dealSize'), 'money'),
    ],
    s.has('target') && field(w, '/target', t('target'), 'money'),
    s.has('velocity') && field(w, '/cycleDays', t('cycleDays'), 'count'),
    (w.generalErr = h('p', { class: 'err' })),
  );
}

function neededRow(w) {
  const { t } = w;
  const stageCount = w.model.funnel.stages.length;
  const spans = [h('span', { class: 'n', 'data-result': '/target/needed/top' })];
  for (let i = 0; i < stageCount; i++) spans.push(h('span', { class: 'n', 'data-result': `/target/needed/stages/${i}/count` }));
  const k = h('span', { class: 'k' });
  const how = h('p', { class: 'how' });
  const d = h('details', { class: 'res needed', part: 'result' }, h('summary', {}, k), how);
  const fill = () => d.open && w.how(how, '/target/needed');
  d.addEventListener('toggle', fill);
  const list = new Intl.ListFormat(w.lang, { type: 'conjunction' });
  w.after.push(() => {
    const need = w.rep?.target?.needed;
    d.hidden = !need;
    if (!need) return;
    const counts = [need.top, ...need.stages.map((s) => s.count)];
    const names = [w.topNoun, ...need.stages.map((s) => s.name)];
    counts.forEach((c, i) => {
      spans[i].textContent = fmt(c, 'count', w.loc);
      spans[i].setAttribute('data-value', c ?? '');
    });
    if (counts.includes(null)) {
      k.replaceChildren(w.rare('neededNone'));
      return fill();
    }
    const items = list.formatToParts(counts.map((_, i) => `\u0001${i}`));
    const [pre, post] = t('needed').split('{list}');
    k.replaceChildren(
      pre,
      ...items.map((part) => (part.type === 'element' ? [spans[+part.value.slice(1)], ` ${names[+part.value.slice(1)]}`] : part.value)).flat(),
      post,
    );
    fill();
  });
  return d;
}

function resultsPanel(w) {
  const { t, sections: s } = w;
  const body = h('tbody');
  const box = h('div', { class: 'chart', part: 'chart' });
  w.after.push(() => {
    const r = w.rep;
    const rows = [{ label: w.topLabel, count: w.model.funnel.top }, ...r.funnel.stages.map((x) => ({ label: x.name, count: x.count, rate: x.rate }))];
    w.draw(box, (width) => funnel(width, rows, w));
    body.replaceChildren(...rows.map((x) => h('tr', {}, h('th', { scope: 'row', text: x.label }), h('td', { class: 'num', text: fmt(x.count, 'count', w.loc) }), h('td', { class: 'num', text: x.rate ? fmt(x.rate, 'pct', w.loc) : '' }))));
  });
  return panel(
    w,
    'pResults',
    'results',
    (w.staleNote = h('p', { class: 'stale-note' })),
    s.has('funnel') && [
      result(w, '/funnel/revenue', { big: true }),
      result(w, '/funnel/deals'),
      result(w, '/funnel/conversion'),
      h('div', { class: 'sub' }, w.model.funnel.stages.map((_, i) => result(w, `/funnel/stages/${i}/count`))),
    ],
    s.has('target') && [result(w, '/target/attainment'), result(w, '/target/gap'), result(w, '/target/dealsNeeded'), s.has('funnel') && neededRow(w)],
    s.has('velocity') && result(w, '/velocity/perDay'),
    s.has('funnel') && [
      box,
      h('details', { class: 'alt' }, h('summary', { text: t('showTable') }), tableBox(w, t('funnelChart'), [t('colStep'), t('colCount'), t('colRate')], body)),
    ],
  );
}

/** The levers of the funnel: what revenue is made of. */
export const funnelLevers = (md) => ['/funnel/top', ...md.funnel.stages.map((_, i) => `/funnel/stages/${i}/rate`), '/funnel/dealSize'];

function whatifPanel(w) {
  const { t } = w;
  const c = w.state.whatif['/funnel/dealSize'];
  const head = field(w, '/funnel/dealSize', t('wiHeadline'), 'pct', { data: 'data-whatif', signed: true, value: c ? fmt(shift(c.value, 2), 'input', w.loc) : '' });
  const rel = h('span', { class: 'rel' });
  const newRev = out(w, 'strong', '/funnel/revenue', 'scen', { class: 'v' });
  const diffRev = out(w, 'span', '/funnel/revenue', 'diff');
  w.after.push(() => (rel.textContent = w.rel ? `(${w.rel})` : ''));
  const rows = ['/funnel/revenue', '/funnel/deals', '/target/attainment', '/target/gap', '/velocity/perDay', '/economics/cac', '/economics/ltvToCac', '/economics/paybackMonths'].map((ptr) => {
    const tr = h('tr', {}, h('th', { scope: 'row', text: labelOf(w, ptr) }), out(w, 'td', ptr, 'base', { class: 'num' }), out(w, 'td', ptr, 'scen', { class: 'num' }), out(w, 'td', ptr, 'diff', { class: 'num' }));
    w.after.push(() => (tr.hidden = getAt(w.rep, ptr) === undefined));
    return tr;
  });
  const box = h('div', { class: 'chart', part: 'chart' });
  w.after.push(() => w.draw(box, (width) => scenario(width, w)));
  // The other levers' fields are made (by levers.js) when they are first shown.
  const more = h(
    'details',
    { class: 'levers', open: Object.keys(w.state.whatif).some((l) => l !== '/funnel/dealSize'), ontoggle: () => more.open && w.levers(more) },
    h('summary', { text: t('wiMore') }),
  );
  return panel(
    w,
    'pWhatif',
    'wide whatif',
    h(
      'div',
      { class: 'headline' },
      head,
      h(
        'div',
        { class: 'kpis' },
        h('p', {}, h('span', { class: 'k', text: t('wiNew') }), newRev),
        h('p', {}, h('span', { class: 'k', text: t('colDiff') }), h('span', { class: 'v' }, diffRev, ' ', rel)),
      ),
    ),
    more,
    h('div', { class: 'cols' }, tableBox(w, t('pWhatif'), [t('colKpi'), t('colNow'), t('colScenario'), t('colDiff')], h('tbody', {}, rows)), box),
    h('button', { type: 'button', class: 'ghost', part: 'button', onclick: () => w.resetWhatIf() }, t('reset')),
  );
}

function goalPanel(w, wide) {
  const { t } = w;
  const intro = h('p', { class: 'hint' });
  const how = h('p', { class: 'hint' });
  const body = h('tbody');
  const tb = tableBox(w, t('pGoal'), [t('colLever'), t('colNow'), t('colNeeded'), t('colChange')], body);
  w.after.push(() => {
    const has = w.model.target != null && w.goal;
    intro.textContent = has ? t('goalIntro', { target: fmt(w.model.target, 'money', w.loc) }) : w.rare('noTarget');
    tb.hidden = how.hidden = !has;
    if (!has) return;
    how.textContent = t('goalHow', { target: fmt(w.model.target, 'money', w.loc), rev: fmt(w.rep.funnel.revenue, 'money', w.loc) });
    body.replaceChildren(
      ...w.goal.map((g) => {
        const kind = kindOf(g.lever);
        const now = getAt(w.model, g.lever);
        return h(
          'tr',
          {},
          h('th', { scope: 'row', text: labelOf(w, g.lever) }),
          h('td', { class: 'num', text: fmt(now, kind, w.loc) }),
          g.err != null
            ? h('td', { colspan: '2', class: 'msg', 'data-solve': g.lever, 'data-value': '', text: g.err })
            : [h('td', { class: 'num', 'data-solve': g.lever, 'data-value': g.value, text: fmt(g.value, kind, w.loc) }), h('td', { class: 'num', text: g.change })],
        );
      }),
    );
  });
  return panel(w, 'pGoal', `goal${wide ? ' wide' : ''}`, intro, tb, how);
}

/** The whole widget for the current state. */
export function build(w, x) {
  const s = w.sections;
  const any = (...k) => k.some((x) => s.has(x));
  return [
    h('header', { class: 'head' }, h('h2', { class: 'title', part: 'title', text: w.t('title') })),
    (w.notice = h('div', { class: 'notice', role: 'status', part: 'notice' })),
    h(
      'div',
      { class: 'grid' },
      any('funnel', 'target', 'velocity') && [inputsPanel(w), resultsPanel(w)],
      s.has('whatif') && whatifPanel(w),
      // A panel without a partner on its row takes the whole row.
      s.has('goal') && goalPanel(w, !s.has('sensitivity')),
      s.has('sensitivity') && x.sensPanel(w, !s.has('goal')),
      s.has('uncertainty') && x.uncPanel(w),
      s.has('economics') && x.econPanel(w, !any('retention', 'growth')),
      any('retention', 'growth') && x.retPanel(w, !s.has('economics')),
      s.has('share') && x.sharePanel(w),
    ),
    h('p', { class: 'foot', text: w.t('footnote') }),
    (w.live = h('p', { class: 'sr', role: 'status' })),
  ];
}
