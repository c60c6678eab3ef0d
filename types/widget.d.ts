// Types of `sales-kpi/widget`: the <sales-kpi-calculator> element, its properties and its
// `sales-kpi-change` event (www/dist/custom-elements.json describes its attributes, CSS custom
// properties and parts too). The widget is JavaScript typed with JSDoc (www/widget/); these
// declarations restate its public surface for TypeScript users, and tests/node/widget-dts.test.mjs
// has tsc check that they agree with the JSDoc types, so they cannot drift apart.

/** One step of the funnel: its name and its conversion rate, a decimal fraction ("0.25" is 25 %). */
export interface Stage {
  name: string;
  rate: string;
}

/** The model the calculator computes; every number is a decimal string. */
export interface Model {
  funnel: { top: string; stages: Stage[]; dealSize: string };
  target?: string;
  cycleDays?: string;
  acquisitionCost?: string;
  customer?: Record<string, string>;
  retention?: Record<string, string>;
  growth?: Record<string, string>;
  [key: string]: unknown;
}

/** A what-if change: `by` "0.1" is +10 %, `add` "0.01" is +1 percentage point. */
export interface WhatIfChange {
  unit: 'by' | 'add';
  value: string;
}

/** An uncertainty range. */
export interface Range {
  low: string;
  high: string;
}

/** The Plan panel's options. */
export interface PlanOptions {
  start: string;
  end: string;
  reps?: string;
  capacity?: string;
  workdays?: number[];
  holidays?: string[];
  target?: string;
  growth?: { baseline: string; by: string };
}

/** One period's results as the reader typed them in the Progress panel; "" when not given. */
export interface ProgressRow {
  date: string;
  revenue: string;
  top: string;
  /** The counts of the stages before the last, whose count is `deals`. */
  stages: string[];
  deals: string;
}

/** The Progress panel's inputs: `asOf` absent means today, or the plan's last day. */
export interface ProgressState {
  asOf?: string;
  rows: ProgressRow[];
  open: string[];
}

/** The reader's state: the `detail` of every `sales-kpi-change` event. */
export interface State {
  preset: string;
  currency: string;
  model: Model;
  whatif: Record<string, WhatIfChange>;
  ranges: Record<string, Range>;
  plan?: PlanOptions;
  progress?: ProgressState;
}

/** The `<sales-kpi-calculator>` element. Its string properties reflect its attributes. */
export declare class SalesKpiCalculator extends HTMLElement {
  /** The reader's state (read only); undefined until the calculator has started. */
  readonly state: State | undefined;
  /** The model being calculated (read only; set the `model` attribute to replace it). */
  readonly model: Model | undefined;
  /** `inbound`, `outbound`, `leads`, `unit-economics` or `pacing`. */
  preset: string;
  /** The locale asked for (the `locale` attribute); empty when the page's language is used. */
  locale: string;
  /** An ISO 4217 code; empty when the locale's currency is used. */
  currency: string;
  /** The panels to show, space-separated; empty for the preset's. */
  sections: string;
  /** The starting what-if, such as "/funnel/dealSize:+10%". */
  whatIf: string;
  /** `light` or `dark` to pin one; empty to follow the reader. */
  theme: string;
  /** Where the small engine's .wasm is loaded from (the full engine's is ../pkg-full/ beside its folder); empty for beside the module. */
  wasmUrl: string;
  /**
   * `article` (the default for an embed): one answer sentence, the inputs that move it, and the
   * other panels behind one "More" row. `dashboard`: every panel at once (the planner page).
   */
  layout: string;
  /** The `editable-stages` attribute: the reader may rename, add and remove the funnel's steps. */
  editableStages: boolean;
  /** The calculator's title (the `heading` attribute); empty: none in an article, the generic one in a dashboard. */
  heading: string;
  /** Whether the state is kept in the page's URL fragment. */
  urlState: boolean;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, old: string | null, now: string | null): void;
  addEventListener<K extends keyof SalesKpiCalculatorEventMap>(type: K, listener: (this: SalesKpiCalculator, event: SalesKpiCalculatorEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SalesKpiCalculatorEventMap>(type: K, listener: (this: SalesKpiCalculator, event: SalesKpiCalculatorEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The element's events: HTMLElement's, and `sales-kpi-change` after every recomputation. */
export interface SalesKpiCalculatorEventMap extends HTMLElementEventMap {
  'sales-kpi-change': CustomEvent<State>;
}

declare global {
  interface HTMLElementTagNameMap {
    'sales-kpi-calculator': SalesKpiCalculator;
  }
  // The event bubbles and is composed: a listener on any ancestor, the document or the window gets
  // it typed too (HTMLElementEventMap, DocumentEventMap and WindowEventMap extend this map).
  interface GlobalEventHandlersEventMap {
    'sales-kpi-change': CustomEvent<State>;
  }
}
