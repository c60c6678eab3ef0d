// <sales-kpi-calculator>: the embeddable what-if calculator.
//   <script type="module" src=".../widget/sales-kpi-calculator.js"></script>
//   <sales-kpi-calculator preset="inbound" locale="nl-NL"></sales-kpi-calculator>
// By default it is laid out for an article: one answer, the inputs that move it, and the rest
// behind one "More" row; layout="dashboard" shows every panel (the planner), editable-stages lets
// the reader rename, add and remove steps, and heading="…" gives it a title.
// This module is the element's shell: its attributes and the properties that reflect them, and
// its lifecycle. What it shows and computes is in view.js.
import { loadPanelGrid } from './article.js';
import { configure, readHash } from './configure.js';
import { reserve } from './reserve.js';
import { adopt } from './styles.js';
import { CalculatorView } from './view.js';

/** Attributes that start the reader's numbers over when they change. */
const RESETTING = ['preset', 'model', 'what-if'];

/**
 * The what-if calculator: a sales funnel's results computed exactly by the engine, with panels for
 * what-ifs, goals, uncertainty, unit economics, a plan and progress against it.
 *
 * @tag sales-kpi-calculator
 *
 * @attr {'inbound' | 'outbound' | 'leads' | 'unit-economics' | 'pacing'} [preset=inbound] - The example model and panels to start from.
 * @attr {string} locale - UI language (English, Dutch, Danish) and number format: `nl-NL` reads `1.234,56`; the page's `lang`, then the browser's, when absent.
 * @attr {string} currency - An ISO 4217 code; the locale's currency (EUR, DKK, USD) when absent.
 * @attr {string} model - The model JSON to start from; the preset's example when absent.
 * @attr {string} what-if - A starting scenario, such as `/funnel/dealSize:+10%` or `/funnel/stages/0/rate:+1pp`.
 * @attr {string} sections - The panels to show, space-separated (`funnel target velocity whatif goal sensitivity uncertainty economics retention growth plan progress share`), or `all`; the preset's when absent.
 * @attr {'light' | 'dark'} theme - Pins one colour scheme; follows `prefers-color-scheme` when absent.
 * @attr {string} wasm-url - Where the small engine's `.wasm` is loaded from; beside the module when absent.
 * @attr {boolean} url-state - Keeps the reader's state in the page's address (`#skc=…`) as they type. Not observed: it is read at every recomputation, so turning it on or off takes effect at the reader's next change.
 * @attr {string} heading - A heading shown above the calculator; none by default.
 * @attr {boolean} editable-stages - Shows the stages' names and the controls to remove a step and add one.
 * @attr {'article' | 'dashboard'} [layout=article] - `article`: one answer sentence, the inputs that move it, the rest behind a "More" disclosure; `dashboard`: every panel shown.
 *
 * @prop {State | undefined} state
 * @prop {Model | undefined} model
 *
 * @fires {CustomEvent<State>} sales-kpi-change - After every recomputation, once the frame is painted (bubbles, composed); its `detail` is a copy of the state, numbers as decimal strings.
 *
 * @cssprop [--skc-accent=#0b5cad] - Buttons, focus rings, the main result, the notice's bar and the lines of actual progress.
 * @cssprop [--skc-accent-dark=#70b3ff] - `--skc-accent` in the dark theme.
 * @cssprop [--skc-on-accent=#fff] - Text on the accent colour.
 * @cssprop [--skc-on-accent-dark=#0b1320] - `--skc-on-accent` in the dark theme.
 * @cssprop [--skc-bg=#fff] - The calculator's background, and the inputs'.
 * @cssprop [--skc-bg-dark=#14181d] - `--skc-bg` in the dark theme.
 * @cssprop [--skc-panel=#f6f8fa] - The panels' background.
 * @cssprop [--skc-panel-dark=#1c2128] - `--skc-panel` in the dark theme.
 * @cssprop [--skc-fg=#1f2328] - The text.
 * @cssprop [--skc-fg-dark=#e6edf3] - `--skc-fg` in the dark theme.
 * @cssprop [--skc-muted=#57606a] - Secondary text: hints, formulas, the footnote.
 * @cssprop [--skc-muted-dark=#a2acb7] - `--skc-muted` in the dark theme.
 * @cssprop [--skc-border=#d8dee4] - The borders of the calculator, its panels, tables and result rows.
 * @cssprop [--skc-border-dark=#353d47] - `--skc-border` in the dark theme.
 * @cssprop [--skc-control=#6e7781] - The borders of inputs and selects.
 * @cssprop [--skc-control-dark=#8b949e] - `--skc-control` in the dark theme.
 * @cssprop [--skc-error=#b42318] - Error messages and the marks of invalid inputs.
 * @cssprop [--skc-error-dark=#ff9a91] - `--skc-error` in the dark theme.
 * @cssprop [--skc-chart-1=#0b5cad] - The charts' main bars (the what-if, a range's high side, the plan's weeks).
 * @cssprop [--skc-chart-1-dark=#70b3ff] - `--skc-chart-1` in the dark theme.
 * @cssprop [--skc-chart-2=#c2410c] - The charts' contrasting marks (the funnel's deals, a range's low side, the plan's line in Progress).
 * @cssprop [--skc-chart-2-dark=#f0883e] - `--skc-chart-2` in the dark theme.
 * @cssprop [--skc-font=inherit] - The font family.
 * @cssprop [--skc-radius=10px] - The corner radius of the calculator and its panels.
 *
 * @csspart root - The calculator's box, inside the element.
 * @csspart title - The calculator's title.
 * @csspart notice - The line of polite notes (an invalid attribute, a link that could not be read).
 * @csspart answer - The article's answer sentence, on top.
 * @csspart more - The article's "More" row, a disclosure holding the other panels.
 * @csspart panel - Every panel.
 * @csspart funnel-panel - The funnel's fields (and the target and cycle length).
 * @csspart results-panel - The funnel's results.
 * @csspart what-if-panel - What-if: the levers and their effect.
 * @csspart goal-panel - What it takes to reach the target.
 * @csspart sensitivity-panel - Which lever moves revenue most.
 * @csspart uncertainty-panel - The range of outcomes from uncertain rates.
 * @csspart economics-panel - Unit economics: CAC, CLV, CLV:CAC, payback.
 * @csspart retention-panel - Retention and growth.
 * @csspart plan-panel - The plan: weekly activity and results over a period.
 * @csspart progress-panel - Progress: results so far against the plan.
 * @csspart share-panel - The link, the spreadsheet download and print.
 * @csspart result - A result row (it opens to show its formula).
 * @csspart value - A result's number.
 * @csspart input - Every input and select.
 * @csspart button - Every button.
 * @csspart chart - Every chart.
 */
export class SalesKpiCalculator extends HTMLElement {
  static observedAttributes = ['locale', 'currency', 'preset', 'model', 'what-if', 'sections', 'wasm-url', 'theme', 'layout', 'editable-stages', 'heading'];

  /** @type {CalculatorView} */
  #view;
  #started = false;
  #busy = false;
  /** @type {Set<string> | null} */
  #changed = null;
  #resize = new ResizeObserver(() => this.#view.charts.redraw());
  #onHashChange = () => {
    if (this.#view.state) readHash(this.#view);
  };

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adopt(root);
    this.#view = new CalculatorView(/** @type {HTMLElement & { shadowRoot: ShadowRoot }} */ (this));
  }

  /** The reader's state: the model, the what-ifs and the uncertainty ranges (read only). */
  get state() {
    return this.#view.state;
  }

  /** The model being calculated (read only; set the `model` attribute to replace it). */
  get model() {
    return this.#view.state?.model;
  }

  /** `inbound`, `outbound`, `leads`, `unit-economics` or `pacing`. */
  get preset() {
    return this.getAttribute('preset') ?? 'inbound';
  }
  set preset(value) {
    this.setAttribute('preset', value);
  }

  /** The locale asked for (the `locale` attribute); empty when the page's language is used. */
  get locale() {
    return this.getAttribute('locale') ?? '';
  }
  set locale(value) {
    this.#reflect('locale', value);
  }

  /** An ISO 4217 code; empty when the locale's currency is used. */
  get currency() {
    return this.getAttribute('currency') ?? '';
  }
  set currency(value) {
    this.#reflect('currency', value);
  }

  /** The panels to show, space-separated; empty for the preset's. */
  get sections() {
    return this.getAttribute('sections') ?? '';
  }
  set sections(value) {
    this.#reflect('sections', value);
  }

  /** The starting what-if, such as "/funnel/dealSize:+10%". */
  get whatIf() {
    return this.getAttribute('what-if') ?? '';
  }
  set whatIf(value) {
    this.#reflect('what-if', value);
  }

  /** `light` or `dark` to pin one; empty to follow the reader. */
  get theme() {
    return this.getAttribute('theme') ?? '';
  }
  set theme(value) {
    this.#reflect('theme', value);
  }

  /** Where the engine's .wasm is loaded from; empty for beside the module. */
  get wasmUrl() {
    return this.getAttribute('wasm-url') ?? '';
  }
  set wasmUrl(value) {
    this.#reflect('wasm-url', value);
  }

  /** `article` (the default) or `dashboard`. */
  get layout() {
    return this.getAttribute('layout') ?? 'article';
  }
  set layout(value) {
    this.#reflect('layout', value);
  }

  /** Whether the reader may rename, add and remove the funnel's steps. */
  get editableStages() {
    return this.hasAttribute('editable-stages');
  }
  set editableStages(value) {
    this.toggleAttribute('editable-stages', !!value);
  }

  /** The calculator's title; empty for none in an article, the generic one in a dashboard. */
  get heading() {
    return this.getAttribute('heading') ?? '';
  }
  set heading(value) {
    this.#reflect('heading', value);
  }

  /** Whether the state is kept in the page's URL fragment. */
  get urlState() {
    return this.hasAttribute('url-state');
  }
  set urlState(value) {
    this.toggleAttribute('url-state', !!value);
  }

  /**
   * @param {string} name
   * @param {string | null | undefined} value empty or null removes the attribute
   */
  #reflect(name, value) {
    if (value == null || value === '') this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  connectedCallback() {
    this.#resize.observe(this);
    addEventListener('hashchange', this.#onHashChange);
    if (!this.#started) {
      this.#started = true;
      // Holds the finished height before the engine arrives, so the page below does not jump.
      reserve(this);
      // A dashboard shows every panel at once: they load beside the engine.
      if (this.getAttribute('layout') === 'dashboard') loadPanelGrid().catch(() => {});
      this.#configure(true, false);
    }
  }

  disconnectedCallback() {
    this.#resize.disconnect();
    removeEventListener('hashchange', this.#onHashChange);
  }

  /**
   * @param {string} name
   * @param {string | null} old
   * @param {string | null} now
   */
  attributeChangedCallback(name, old, now) {
    if (!this.#started || old === now) return;
    // Several attributes set in a row (the builder does that) give one rebuild; changes made
    // while the engine is still loading are picked up when it is ready.
    (this.#changed ??= new Set()).add(name);
    if (!this.#busy) queueMicrotask(() => this.#reconfigure());
  }

  #reconfigure() {
    if (!this.#changed || this.#busy) return;
    const changed = this.#changed;
    this.#changed = null;
    this.#configure(false, RESETTING.some((name) => changed.has(name)));
  }

  /**
   * @param {boolean} first
   * @param {boolean} fresh
   */
  async #configure(first, fresh) {
    this.#busy = true;
    try {
      await configure(this.#view, first, fresh);
    } finally {
      this.#busy = false;
      this.#reconfigure();
    }
  }
}

if (!customElements.get('sales-kpi-calculator')) customElements.define('sales-kpi-calculator', SalesKpiCalculator);
