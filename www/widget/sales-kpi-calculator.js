// <sales-kpi-calculator>: the embeddable what-if calculator.
//   <script type="module" src=".../widget/sales-kpi-calculator.js"></script>
//   <sales-kpi-calculator preset="inbound" locale="nl-NL"></sales-kpi-calculator>
import { call, engine, pointerOf } from './engine.js';
import { change, fmt, isDec, norm, parseNum, shift, sign, sub } from './format.js';
import { LANGS, moreText, translator } from './i18n.js';
import { build, field, funnelLevers, h, inputText, kindOf, labelOf, panel, result, show, showDiff, tableBox } from './render.js';
import { bar, frame, s, text } from './charts.js';
import { defaultSections, getAt, hashValue, parseSections, presetModel, PRESETS, setAt } from './state.js';
import { addCss, adopt } from './styles.js';
import { reserve } from './reserve.js';

// What a first view does not need loads on first use: the formulas when a result is opened
// (how.js), the what-if's other levers when they are opened (levers.js), reading state as text
// for a model or what-if attribute or a link (io.js), the rarely shown panels (panels.js), and
// with them the rest of the language's text (i18n.js; see also rare()). Those modules import
// nothing: they get this kit of helpers instead, so the bundler keeps all shared code in this
// entry file and a default embed downloads one file of JavaScript and one of text.
const lazy = {};
const part = (key, get) => (lazy[key] ??= get().then((m) => (m.css && addCss(m.css), m.default(K))));
const io = () => part('io', () => import('./io.js'));
const formulas = () => part('how', () => import('./how.js'));
const leverFields = () => part('levers', () => import('./levers.js'));
const panels = () => part('panels', () => import('./panels.js'));
const K = { h, fmt, shift, norm, isDec, sub, sign, getAt, call, pointerOf, field, funnelLevers, kindOf, labelOf, panel, result, show, tableBox, bar, frame, s, text, setAt, PRESETS, io };

const EXTRA = ['sensitivity', 'uncertainty', 'economics', 'retention', 'growth', 'share'];
const EURO = 'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' ');
const MONEY = { DK: 'DKK', GB: 'GBP', SE: 'SEK', NO: 'NOK', CH: 'CHF', PL: 'PLN', CA: 'CAD', AU: 'AUD', NZ: 'NZD', JP: 'JPY', IN: 'INR' };

function currencyOf(locale) {
  let region;
  try {
    region = new Intl.Locale(locale).maximize().region;
  } catch {}
  return EURO.includes(region) ? 'EUR' : MONEY[region] ?? 'USD';
}

function canonicalLocale(l) {
  try {
    return l && Intl.NumberFormat.supportedLocalesOf(l).length ? Intl.getCanonicalLocales(l)[0] : null;
  } catch {
    return null;
  }
}

function validCurrency(c) {
  const C = c.toUpperCase();
  return /^[A-Z]{3}$/.test(C) && (!Intl.supportedValuesOf || Intl.supportedValuesOf('currency').includes(C)) ? C : null;
}

/**
 * Engine messages are English; the common ones get the reader's words, the rest stay as they are.
 * (The first three only come from the economics and retention panels, with their text.)
 */
const MESSAGES = [
  [/not both/, 'both'],
  [/to know how long/, 'lifeOrChurn'],
  [/value of (end|new)/, 'newLeEnd'],
  [/^required$/, 'required'],
  [/between 0 and 1( |$)|at most 1( |$)/, 'pct01'],
  [/more than 0/, 'pos'],
  [/0 or more/, 'nonneg'],
  [/outside the range|too large|overflow/, 'tooBig'],
  [/characters|visible text/, 'nameErr'],
];

class SalesKpiCalculator extends HTMLElement {
  static observedAttributes = ['locale', 'currency', 'preset', 'model', 'what-if', 'sections', 'wasm-url', 'theme'];

  constructor() {
    super();
    adopt(this.attachShadow({ mode: 'open' }));
    this.timers = {};
    this.errs = [];
  }

  get model() {
    return this.state.model;
  }

  connectedCallback() {
    this.onHash ??= () => this.fromHash();
    this.ro ??= new ResizeObserver(() => this.redraw());
    this.ro.observe(this);
    addEventListener('hashchange', this.onHash);
    if (!this.started) {
      this.started = true;
      reserve(this);
      this.configure(true);
    }
  }

  disconnectedCallback() {
    this.ro.disconnect();
    removeEventListener('hashchange', this.onHash);
  }

  attributeChangedCallback(name, old, now) {
    if (!this.started || old === now) return;
    // Several attributes set in a row (the builder does that) give one rebuild; changes made
    // while the engine is still loading are picked up when it is ready.
    (this.changed ??= new Set()).add(name);
    if (!this.busy) queueMicrotask(() => this.reconfigure());
  }

  reconfigure() {
    if (!this.changed || this.busy) return;
    const reset = ['preset', 'model', 'what-if'].some((a) => this.changed.has(a));
    this.changed = null;
    this.configure(false, reset);
  }

  /** Reads the attributes; every bad value becomes a polite note and its default. */
  async configure(first, reset) {
    this.busy = true;
    try {
      await this.read(first, reset);
    } finally {
      this.busy = false;
      this.reconfigure();
    }
  }

  async read(first, reset) {
    const notes = [];
    const attr = (n) => this.getAttribute(n);
    const bad = (name, value) => notes.push([name, String(value).slice(0, 80)]);
    // The stylesheet only matches theme="light" and theme="dark"; anything else is said, not used.
    const theme = attr('theme');
    if (theme !== null && theme !== '' && theme !== 'light' && theme !== 'dark') bad('theme', theme);
    let locale = attr('locale');
    if (locale !== null && !canonicalLocale(locale)) {
      bad('locale', locale);
      locale = null;
    }
    this.locale = canonicalLocale(locale) ?? canonicalLocale(this.closest('[lang]')?.lang) ?? canonicalLocale(navigator.language) ?? 'en-US';
    this.lang = this.locale.split('-')[0];
    if (!LANGS.includes(this.lang)) this.lang = 'en';
    let wasm = attr('wasm-url');
    try {
      wasm = wasm && new URL(wasm, document.baseURI);
      if (wasm && !/^https?:$/.test(wasm.protocol)) throw 0;
    } catch {
      bad('wasm-url', wasm);
      wasm = null;
    }
    // The engine and the language load side by side.
    const ready = engine(wasm);
    ready.catch(() => {});
    const was = this.t;
    const t = (this.t = await translator(this.lang));
    // Stage names the reader never changed follow a change of language.
    if (this.state) (await io()).renameStages(this.state, was, t);
    let currency = attr('currency');
    if (currency !== null && !validCurrency(currency)) bad('currency', currency);
    currency = (currency && validCurrency(currency)) || currencyOf(this.locale);
    const sec = parseSections(attr('sections') ?? '');
    if (sec.bad.length) bad('sections', sec.bad.join(' '));
    if (!this.state) this.shadowRoot.replaceChildren(h('p', { class: 'loading', text: t('loading') }));
    const fresh = first || reset || !this.state;
    let x;
    try {
      // Start fetching the extra panels now when they will surely be needed.
      if (sec.list.some((k) => EXTRA.includes(k)) || attr('preset') === 'unit-economics') this.ensureExtra(true).catch(() => {});
      [, x] = await Promise.all([ready, fresh && (attr('model') ?? attr('what-if')) !== null && io()]);
    } catch (e) {
      this.shadowRoot.replaceChildren(h('p', { class: 'notice fatal', role: 'alert', text: t('engineFail', { why: e.message }) }));
      return;
    }
    if (fresh) {
      let preset = attr('preset') ?? 'inbound';
      if (!PRESETS.includes(preset)) {
        bad('preset', preset);
        preset = 'inbound';
      }
      this.state = { preset, currency, model: presetModel(preset, t), whatif: { '/funnel/dealSize': { unit: 'by', value: '0.1' } }, ranges: {} };
      // A model or what-if attribute replaces the example's, where the engine accepts it.
      if (x) x.fromAttrs(this.state, attr('model'), attr('what-if'), bad);
    }
    this.state.currency = currency;
    this.sections = new Set(sec.list.length ? sec.list : defaultSections(this.state.preset));
    if (notes.length) await moreText(this.lang).catch(() => {});
    this.notes = notes.map(([name, value]) => t('badAttr', { name, value }));
    if (first) await this.fromHash(true);
    else {
      await this.ensureExtra();
      this.rebuild();
    }
  }

  /** Loads the extra panels and the rest of the text when the sections (or `now`) ask for them. */
  async ensureExtra(now) {
    if (now || EXTRA.some((x) => this.sections.has(x))) [this.extra] = await Promise.all([panels(), moreText(this.lang)]);
  }

  /** Loads the state in the URL fragment, after checking it the way the engine checks input. */
  async fromHash(first) {
    const s = hashValue(location.hash);
    if (s && s !== this.written) {
      const st = await io().then(
        (x) => x.readState(s),
        () => null,
      );
      if (st) {
        this.state = st;
        if (!this.getAttribute('sections')) this.sections = new Set(defaultSections(st.preset));
      } else {
        await moreText(this.lang).catch(() => {});
        this.notes.push(this.t('badLink'));
      }
    } else if (!first) return;
    await this.ensureExtra();
    this.rebuild();
  }

  uid() {
    return `k${++this.n}`;
  }

  get loc() {
    return { locale: this.locale, currency: this.state.currency };
  }

  rebuild(focus) {
    const t = this.t;
    this.n = 0;
    this.fields = [];
    this.outs = [];
    this.after = [];
    this.draws = new Map();
    this.hooks = new Set();
    this.generalErr = this.staleNote = null;
    this.topLabel = t(`top_${this.state.preset === 'unit-economics' ? 'leads' : this.state.preset}`);
    this.topNoun = this.topLabel.toLocaleLowerCase(this.lang);
    this.root = h('div', { class: 'root', part: 'root', lang: this.lang }, build(this, this.extra));
    this.shadowRoot.replaceChildren(this.root);
    this.notice.replaceChildren(...this.notes.map((n) => h('p', { text: n })));
    this.recompute();
    if (focus) this.shadowRoot.querySelector(focus)?.focus();
  }

  field(data, ptr) {
    return this.fields.find((f) => f.data === data && f.ptr === ptr);
  }

  onInput(f) {
    const { t } = this;
    const { ptr, data, input, kind } = f;
    let v;
    f.bad = '';
    if (kind === 'text') {
      v = input.value;
      if (!v.trim() || v.length > 40) f.bad = t('nameErr');
    } else {
      v = this.parse(input.value);
      if (v === null) f.bad = t('notNum', { ex: fmt('1234.56', 'count', this.loc) });
      else if (v === '') v = undefined;
      else if (kind === 'pct') v = shift(v, -2);
    }
    if (data === 'data-whatif') {
      const unit = this.shadowRoot.querySelector(`select[data-whatif-unit="${ptr}"]`)?.value ?? 'by';
      if (!f.bad) {
        if (v === undefined || sign(v) === 0) delete this.state.whatif[ptr];
        else this.state.whatif[ptr] = { unit, value: kind === 'pct' ? v : shift(v, -2) };
      }
    } else if (data !== 'data-field') {
      if (!f.bad) this.extra.onRange(this, ptr);
    } else if (!f.bad) {
      setAt(this.model, ptr, v);
      this.extra?.edited(this, ptr, v);
    }
    this.recompute();
  }

  /** The what-if unit select changed: re-read its number. */
  onWhatIf(lever) {
    this.onInput(this.field('data-whatif', lever));
  }

  onCommit(f) {
    if (f.data === 'data-field' && !f.bad && !this.errs.length) f.input.value = inputText(this, f.ptr, f.kind);
  }

  /** Renumbers the what-ifs and ranges that point at stages after a step is added or removed. */
  remap(fn) {
    for (const k of ['whatif', 'ranges']) {
      const next = {};
      for (const [lever, v] of Object.entries(this.state[k])) {
        const m = /^\/funnel\/stages\/(\d+)\//.exec(lever);
        const i = m ? fn(+m[1]) : 0;
        if (i !== null) next[m ? lever.replace(/\d+/, i) : lever] = v;
      }
      this.state[k] = next;
    }
  }

  addStage() {
    const stages = this.model.funnel.stages;
    // A new step goes before the last one (the deals) at 100 %, so nothing changes until edited.
    const at = stages.length - 1;
    stages.splice(at, 0, { name: this.t('step', { n: at + 1 }), rate: '1' });
    this.remap((i) => (i >= at ? i + 1 : i));
    this.rebuild(`input[data-field="/funnel/stages/${at}/name"]`);
  }

  removeStage(i) {
    this.model.funnel.stages.splice(i, 1);
    this.remap((j) => (j === i ? null : j > i ? j - 1 : j));
    this.rebuild(`input[data-field="/funnel/stages/${Math.max(0, i - 1)}/name"]`);
  }

  resetWhatIf() {
    this.state.whatif = {};
    this.rebuild('input[data-whatif="/funnel/dealSize"]');
  }

  localize(e) {
    const ptr = pointerOf(e) ?? '';
    const text = e.message.slice(ptr.length + 2);
    const hit = MESSAGES.find(([re]) => re.test(text));
    return hit ? this.rare(hit[1]) : text;
  }

  /** Why a goal cannot be reached, in the reader's words when the case is a common one. */
  explain(e) {
    const text = e.message.slice((pointerOf(e) ?? '').length + 2);
    if (/more than 100 %/.test(text)) return this.rare('e_above100');
    if (/does not move/.test(text)) return this.rare('e_noEffect');
    return text;
  }

  recompute() {
    try {
      this.compute();
    } catch (e) {
      if (e.restarting) {
        this.root.classList.add('stale');
        e.restarting.then(
          () => this.recompute(),
          () => {},
        );
      } else {
        this.errs = [{ data: 'data-field', ptr: pointerOf(e), msg: pointerOf(e) === undefined ? e.message : this.localize(e) }];
        this.paint();
      }
    }
  }

  compute() {
    const { model, state, sections: s, loc } = this;
    const rep = call('compute', model);
    this.rep = rep;
    this.errs = [];
    const changes = Object.entries(state.whatif).map(([lever, c]) => ({ lever, [c.unit]: c.value }));
    try {
      this.scen = changes.length ? call('whatIf', model, changes).scenario : rep;
    } catch (e) {
      if (e.restarting) throw e;
      this.scen = null;
      this.errs.push({ data: 'data-whatif', ptr: pointerOf(e), msg: this.rare('wiRange') });
    }
    this.goal = null;
    if (s.has('goal') && model.target != null) {
      this.goal = funnelLevers(model).map((lever) => {
        try {
          const { value } = call('solve', model, { lever, metric: '/funnel/revenue', target: model.target });
          const c = change(value, getAt(model, lever));
          return { lever, value, change: c == null ? '—' : fmt(c, 'pctSigned', loc) };
        } catch (e) {
          if (e.restarting) throw e;
          return { lever, err: this.explain(e) };
        }
      });
    }
    this.extra?.compute(this);
    this.update();
    this.schedule('sim', 250, () => this.extra?.simulate(this));
    this.schedule('live', 900, () => this.announce());
    this.schedule('url', 300, () => this.hasAttribute('url-state') && io().then((x) => x.writeUrl(this)));
    this.dispatchEvent(new CustomEvent('sales-kpi-change', { bubbles: true, composed: true, detail: structuredClone(this.state) }));
  }

  schedule(k, ms, fn) {
    clearTimeout(this.timers[k]);
    this.timers[k] = setTimeout(fn, ms);
  }

  update() {
    const { rep, scen } = this;
    for (const o of this.outs) {
      const base = getAt(rep, o.ptr);
      const sc = scen ? getAt(scen, o.ptr) : undefined;
      if (o.src === 'diff') {
        const [text, d] = showDiff(this, sc, base, o.kind);
        o.el.textContent = text;
        o.el.setAttribute('data-value', d);
      } else {
        const v = o.src === 'scen' ? sc : base;
        o.el.textContent = show(this, v, o.kind);
        o.el.setAttribute('data-value', v ?? '');
      }
      if (o.row) o.row.hidden = base === undefined;
      o.after?.();
    }
    const r = scen && change(scen.funnel.revenue, rep.funnel.revenue);
    this.rel = r && sign(r) ? fmt(r, 'pctSigned', this.loc) : '';
    for (const f of this.after) f();
    this.paint();
  }

  /** Shows field errors: what could not be read, and what the engine refused. */
  paint() {
    const errs = [...this.errs];
    let general = '';
    for (const e of errs) {
      e.f = this.field(e.data, e.ptr) ?? this.fields.find((f) => f.data === e.data && e.ptr && f.ptr.startsWith(`${e.ptr}/`));
      if (!e.f) general = e.msg;
    }
    // Results are stale when a model input is wrong, not when only a what-if or a range is.
    let stale = errs.some((e) => e.data === 'data-field');
    for (const f of this.fields) {
      const msg = f.bad || errs.find((e) => e.f === f)?.msg || '';
      if (f.bad && f.data === 'data-field') stale = true;
      f.err.textContent = msg;
      f.input.setAttribute('aria-invalid', !!msg);
    }
    if (this.generalErr) this.generalErr.textContent = general;
    this.root.classList.toggle('stale', stale);
    if (this.staleNote) this.staleNote.textContent = this.root.classList.contains('stale') ? this.rare('stale') : '';
  }

  draw(box, fn) {
    this.draws.set(box, fn);
    box.replaceChildren(fn(Math.max(240, box.clientWidth || 320)));
  }

  redraw() {
    cancelAnimationFrame(this.raf);
    this.raf = requestAnimationFrame(() => {
      if (this.width === this.clientWidth || !this.draws) return;
      this.width = this.clientWidth;
      for (const [box, fn] of this.draws) this.draw(box, fn);
    });
  }

  announce() {
    const { rep, t, loc } = this;
    if (!rep || !this.live) return;
    let s = t('summary', { rev: fmt(rep.funnel.revenue, 'money', loc), deals: fmt(rep.funnel.deals, 'count', loc) });
    if (rep.target) s += `, ${t('summaryTarget', { att: fmt(rep.target.attainment, 'pct', loc) })}`;
    this.live.textContent = `${s}.`;
  }

  /** Makes the what-if's other levers when they are first shown. */
  async levers(details) {
    const [make] = await Promise.all([leverFields(), moreText(this.lang)]);
    if (details.isConnected && details.children.length < 2) {
      make(this, details);
      this.paint();
    }
  }

  parse(text) {
    return parseNum(text, this.locale);
  }

  /**
   * Text few readers see (why a goal cannot be reached, what is wrong with a what-if) is in the
   * rest of the language: until it has loaded this is empty, and everything is recomputed when
   * it arrives.
   */
  rare(key) {
    const s = this.t(key);
    if (s !== key) return s;
    if (this.asked !== this.lang) {
      this.asked = this.lang;
      moreText(this.lang).then(
        () => this.recompute(),
        () => {},
      );
    }
    return '';
  }

  /** Fills in how a result is calculated, with the formulas and their text loaded on first use. */
  async how(p, ptr) {
    try {
      const [F] = await Promise.all([formulas(), moreText(this.lang)]);
      const v = getAt(this.rep, ptr);
      p.textContent = v === null ? this.t('undefinedKpi') : v === undefined ? '' : F(this, ptr);
    } catch {}
  }
}

if (!customElements.get('sales-kpi-calculator')) customElements.define('sales-kpi-calculator', SalesKpiCalculator);
export { SalesKpiCalculator };
