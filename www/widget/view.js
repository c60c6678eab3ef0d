// What one calculator shows and holds: its settings, the reader's state, the fields and outputs
// of the current layout, and the last results. The element (sales-kpi-calculator.js) owns one.
import { ChartBoard } from './charts/board.js';
import { paint, recompute, update } from './compute.js';
import { h } from './dom.js';
import { moreText, textKey } from './i18n.js';
import { layout } from './layout.js';
import { loadDrawn } from './prepare.js';
import { loadEditing, loadFormulas, loadWhatIfLevers } from './lazy-parts.js';
import { readShape } from './settings.js';
import { funnelPreset, getAt, shownModel } from './state.js';

/**
 * @typedef {import('./form.js').Field} Field
 * @typedef {import('./form.js').FieldRole} FieldRole
 * @typedef {import('./outputs.js').Output} Output
 * @typedef {import('./state.js').State} State
 * @typedef {{ role: FieldRole, pointer?: string, message: string, section?: string }} ShownError
 *   `section`: the section whose engine run the error is of (compute.js)
 */

export class CalculatorView {
  /** @param {HTMLElement & { shadowRoot: ShadowRoot }} host */
  constructor(host) {
    this.host = host;
    /** @type {import('./state.js').Translate} */
    this.t = () => '';
    this.locale = 'en-US';
    this.lang = 'en';
    /** @type {State} */
    this.state = /** @type {any} */ (null);
    /** @type {Set<string>} */
    this.sections = new Set();
    /** @type {string[]} */
    this.notes = [];
    /** @type {import('./lazy-parts.js').Panels} */
    this.panels = {};
    this.idCounter = 0;
    /** @type {Field[]} */
    this.fields = [];
    /** @type {Output[]} */
    this.outputs = [];
    /** @type {(() => void)[]} */
    this.afterUpdate = [];
    this.charts = new ChartBoard(host);
    /** @type {Record<string, number>} */
    this.frames = {};
    /** @type {Set<string>} */
    this.hooks = new Set();
    /** @type {ShownError[]} */
    this.errors = [];
    /** @type {import('./engine.js').Report | null} the engine's report for the model */
    this.report = null;
    /** @type {import('./engine.js').Report | null} the report with the what-ifs applied, or null when they cannot be */
    this.scenario = null;
    /** @type {{ asked: import('./request.js').Goal[], answers: NonNullable<import('./engine.js').Evaluation['goals']> } | null} the goal seeks asked and their answers */
    this.goals = null;
    /** @type {import('./first-view.js').FirstView | null} the build's answer, while the engine loads */
    this.firstView = null;
    /** @type {{ metric: string, rows: import('./charts/tornado-chart.js').SensitivityItem[] }} the sensitivity table and the metric it is for */
    this.sensitivity = { metric: '/funnel/revenue', rows: [] };
    /** The metric the reader chose for the sensitivity table. */
    this.sensitivityMetric = '/funnel/revenue';
    /** @type {Record<string, () => { model: import('./state.js').Model, input: unknown } | null | undefined>} what each shown section that runs an engine function asks (sections.js's `runs`) */
    this.runRequests = {};
    /** @type {Record<string, import('./compute.js').RunAnswer>} their answers, by section */
    this.runAnswers = {};
    /** @type {import('./compute.js').Answers | null} the last answers, shown or waiting for their words */
    this.answers = null;
    this.relativeChange = '';
    /** Whether the article's "More" row is open: it stays open when the widget is made anew. */
    this.moreOpen = false;
    /** Whether a key is down in the widget (recomputeSoon). */
    this.keyDown = false;
    this.waitingForRelease = false;
    this.topLabel = '';
    this.topNoun = '';
    /** @type {string | null} the fragment this widget wrote last, so its own change is not read back */
    this.written = null;
    /** @type {Record<string, ReturnType<typeof setTimeout>>} */
    this.timers = {};
    /** @type {HTMLElement | null} */ this.root = null;
    /** @type {HTMLElement | null} */ this.notice = null;
    /** @type {HTMLElement | null} */ this.live = null;
    /** @type {HTMLElement | null} */ this.generalError = null;
    /** @type {HTMLElement | null} */ this.staleNote = null;
    /** @type {typeof import('./editing.js') | null} reading typed numbers and describing problems, once loaded */
    this.editing = null;
    /** @type {Promise<typeof import('./editing.js')> | null} */
    this.editingLoad = null;
    // A reader who focuses a control is about to edit: what editing needs starts loading then.
    host.shadowRoot.addEventListener('focusin', (event) => {
      if (event.target instanceof Element && event.target.matches('input, select, button')) this.loadEditing().catch(() => {});
    });
    // Results wait for the key's release (recomputeSoon).
    host.shadowRoot.addEventListener('keydown', () => (this.keyDown = true));
    host.shadowRoot.addEventListener('keyup', () => this.keyReleased());
    host.shadowRoot.addEventListener('focusout', () => this.keyReleased());
  }

  /**
   * Loads what editing needs: the editing module and the rest of the language's text (the
   * problems' words are in it).
   * @returns {Promise<typeof import('./editing.js')>}
   */
  loadEditing() {
    return (this.editingLoad ??= Promise.all([loadEditing(), moreText(this.lang)]).then(([editing]) => (this.editing = editing)));
  }

  /**
   * Loads what the sections drawn now need (prepare.js): the panels behind the article's "More"
   * row once a reader has opened it.
   * @returns {Promise<boolean>} false when the engine could not load
   */
  loadDrawn() {
    return loadDrawn(this);
  }

  /**
   * Does a reader's change with the editing module: at once when it has loaded, else when it has
   * (a key pressed before it arrived is read then).
   * @param {(editing: typeof import('./editing.js')) => void} change
   */
  withEditing(change) {
    if (this.editing) change(this.editing);
    else this.loadEditing().then(change, () => {});
  }

  /**
   * An engine error in the reader's words, with the pointer it is about. The words are in the
   * editing module, which compute.js loads before it shows an answer with an error.
   * @param {unknown} error
   * @returns {{ pointer?: string, message: string }}
   */
  describe(error) {
    const { editing } = this;
    const problem = editing?.problemOf(error);
    return { pointer: /** @type {{ pointer?: string }} */ (error).pointer, message: problem && editing ? editing.problemText(problem, this.t) : '' };
  }

  get model() {
    return this.state.model;
  }

  /** Whether every panel is drawn now: a dashboard, or the article with its "More" row open. */
  get everyPanelShown() {
    return this.shape.dashboard || this.moreOpen;
  }

  /** The layout, the stage editing and the heading its attributes ask for. */
  get shape() {
    return readShape(this.host);
  }

  /** What the engine computes from: the model without the parts whose fields are not shown. */
  get shownModel() {
    return shownModel(this.state.model, this.sections);
  }

  /** @returns {import('./format.js').NumberStyle} */
  get numberStyle() {
    return { locale: this.locale, currency: this.state.currency };
  }

  nextId() {
    return `k${++this.idCounter}`;
  }

  /**
   * Makes the whole widget anew for the current state; `focus` selects the input to focus.
   * @param {string} [focus]
   */
  rebuild(focus) {
    const { t } = this;
    this.idCounter = 0;
    this.fields = [];
    this.outputs = [];
    this.afterUpdate = [];
    this.runRequests = {};
    this.charts.clear();
    this.hooks = new Set();
    this.generalError = this.staleNote = null;
    const funnel = funnelPreset(this.state.preset);
    this.topLabel = t(textKey('top', funnel === 'unit-economics' ? 'leads' : funnel));
    this.topNoun = this.topLabel.toLocaleLowerCase(this.lang);
    // A widget painted before the engine is there stays inert until it is (configure.js).
    const inert = !!this.root?.hasAttribute('inert');
    const root = (this.root = h('div', { class: 'root', part: 'root', lang: this.lang, inert }, layout(this)));
    this.host.shadowRoot.replaceChildren(root);
    this.notice?.replaceChildren(...this.notes.map((note) => h('p', { text: note })));
    this.recompute();
    if (focus) /** @type {HTMLElement | null} */ (this.host.shadowRoot.querySelector(focus))?.focus();
  }

  /**
   * @param {FieldRole} role
   * @param {string} pointer
   */
  findField(role, pointer) {
    return this.fields.find((bound) => bound.role === role && bound.pointer === pointer);
  }

  async addStage() {
    // With the rest of the language: at the last step allowed, the note saying so is in it.
    const { renumberStages } = await this.loadEditing();
    const stages = this.model.funnel.stages;
    // A new step goes before the last one (the deals) at 100 %, so nothing changes until edited.
    const at = stages.length - 1;
    stages.splice(at, 0, { name: this.t('step', { n: at + 1 }), rate: '1' });
    renumberStages(this.state, (i) => (i >= at ? i + 1 : i));
    this.rebuild(`input[data-field="/funnel/stages/${at}/name"]`);
  }

  /** @param {number} index */
  async removeStage(index) {
    const { renumberStages } = await loadEditing();
    this.model.funnel.stages.splice(index, 1);
    renumberStages(this.state, (i) => (i === index ? null : i > index ? i - 1 : i));
    this.rebuild(`input[data-field="/funnel/stages/${Math.max(0, index - 1)}/name"]`);
  }

  resetWhatIf() {
    this.state.whatif = {};
    this.rebuild('input[data-whatif="/funnel/dealSize"]');
  }

  recompute() {
    recompute(this);
  }

  update() {
    update(this);
  }

  /**
   * @param {string} key
   * @param {number} delay in milliseconds
   * @param {() => void} work
   */
  schedule(key, delay, work) {
    clearTimeout(this.timers[key]);
    this.timers[key] = setTimeout(work, delay);
  }

  /**
   * The results of a key press: two frames after the key is released. Computed with the key, they
   * made the typed character's own frame late (99 of 99 key presses at 16 ms or more, `npm run
   * bench`); computed right after that frame, they still competed with its presentation (9–17 of
   * 99); at the start of the next frame, 5–10 of 99, as a plain input beside them, while keys are
   * held 60 ms. A fast typist releases a key a few ms after pressing it, and a frame pending then
   * makes the release wait for it (Chrome counts the release in the press's latency, as INP
   * does): 57 of 99 presses at 16 ms or more. Asked after the release, none is pending for it.
   * Presses faster than frames are answered once, for the latest text; a key held past half a
   * second (or whose release this widget never sees) is answered then. The request waits in
   * `frames.recompute`, or in `waitingForRelease`.
   */
  recomputeSoon() {
    cancelAnimationFrame(this.frames.recompute);
    delete this.frames.recompute;
    if (this.keyDown) {
      this.waitingForRelease = true;
      this.schedule('release', 500, () => this.keyReleased());
      return;
    }
    this.frames.recompute = requestAnimationFrame(() => {
      this.frames.recompute = requestAnimationFrame(() => {
        delete this.frames.recompute;
        this.recompute();
      });
    });
  }

  /** A key was released, or the focus left: results waiting for it are asked for after its event. */
  keyReleased() {
    this.keyDown = false;
    if (!this.waitingForRelease) return;
    this.waitingForRelease = false;
    this.schedule('release', 0, () => this.recomputeSoon());
  }

  /** Results still waiting for their frame (recomputeSoon) are computed now. */
  recomputeIfWaiting() {
    if (this.frames.recompute === undefined && !this.waitingForRelease) return;
    cancelAnimationFrame(this.frames.recompute);
    delete this.frames.recompute;
    clearTimeout(this.timers.release);
    this.waitingForRelease = false;
    this.recompute();
  }

  /**
   * Resolves when the text typed so far is in the state and its results are on screen: a key
   * press before the editing module arrived is read when it has (field-input.js), and results
   * wait for the next frame. A link or a spreadsheet made at once could miss the last number.
   */
  async settled() {
    await this.editingLoad?.catch(() => {});
    this.recomputeIfWaiting();
  }

  /**
   * Draws a chart when its data (`key`) or the language or currency changed; else the drawn
   * one stays (charts/board.js).
   * @param {HTMLElement} box
   * @param {string} key
   * @param {(width: number) => Element} chart
   */
  draw(box, key, chart) {
    this.charts.draw(box, `${this.lang} ${this.state.currency} ${key}`, chart);
  }

  /** Tells screen readers the headline results, after typing has paused (editing has loaded by then). */
  announce() {
    this.editing?.announce(this);
  }

  /** @param {HTMLDetailsElement} details makes the what-if's other levers when they are first shown */
  async openLevers(details) {
    const [{ addLevers }] = await Promise.all([loadWhatIfLevers(), moreText(this.lang)]);
    if (details.isConnected && details.children.length < 2) {
      addLevers(this, details);
      paint(this);
    }
  }

  /**
   * Fills in how a result is calculated, with the formulas and their text loaded on first use.
   * @param {HTMLElement} paragraph
   * @param {string} pointer
   */
  async explain(paragraph, pointer) {
    try {
      const [{ formulaText }] = await Promise.all([loadFormulas(), moreText(this.lang)]);
      const value = getAt(this.report, pointer);
      paragraph.textContent = value === null ? this.t('undefinedKpi') : value === undefined ? '' : formulaText(this, pointer);
    } catch {
      // A formula that cannot load leaves the row without its explanation.
    }
  }
}
