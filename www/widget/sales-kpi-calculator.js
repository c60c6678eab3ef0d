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
