// The JS API's declarations written by hand: src/bindings.rs embeds this file in
// www/pkg/sales_kpi.d.ts (wasm-bindgen's typescript_custom_section). tsc checks it on its own
// (tests/types/tsconfig.json) with the schema's generated names from tests/types/schema-names.d.ts.
/** A decimal number: a string such as "12500" or "0.025" (or a finite JS number on input). */
export type DecimalInput = string | number;
/** A decimal in plain notation without trailing zeros, such as "750000". */
export type Decimal = string;

// Model, Stage, ErrorCode and EngineError are generated from the schema table
// (src/schema.rs) and appended to sales_kpi.d.ts by scripts/build.mjs.

export interface Report {
  funnel: {
    stages: { name: string; rate: Decimal; count: Decimal }[];
    conversion: Decimal;
    deals: Decimal;
    revenue: Decimal;
  };
  target?: {
    attainment: Decimal;
    gap: Decimal;
    dealsNeeded: Decimal | null;
    needed: { top: Decimal | null; stages: { name: string; count: Decimal | null }[] };
  };
  velocity?: { perDay: Decimal };
  economics?: {
    cac: Decimal | null;
    clv: Decimal | null;
    ltvToCac: Decimal | null;
    paybackMonths: Decimal | null;
  };
  retention?: { rate: Decimal; churn: Decimal };
  growth?: { rate: Decimal };
}

export type Change =
  | { lever: string; by: DecimalInput }
  | { lever: string; add: DecimalInput }
  | { lever: string; to: DecimalInput };
export interface WhatIfResult { base: Report; scenario: Report }

export interface Goal { lever: string; metric: string; target: DecimalInput }
export interface Solution { value: Decimal; report: Report }

export interface SensitivityOptions { metric?: string | null; by?: DecimalInput | null }
/** `sensitivity(model)` ranks the levers for revenue, each moved 10 % down and up. */
export function sensitivity(model: Model): SensitivityRow[];
export interface SensitivityRow {
  lever: string;
  lowValue: Decimal;
  highValue: Decimal;
  low: Decimal;
  high: Decimal;
  swing: Decimal;
}

export interface Request {
  whatIf?: Change[] | null;
  goals?: Goal[] | null;
  sensitivity?: SensitivityOptions | null;
  /** Not in the widget's small default engine, which refuses it as an unknown field. */
  progress?: ProgressOptions | null;
}
/** A part of `evaluate`'s answer that failed: the `EngineError` its own function would have
 * thrown. */
export interface PartError { error: EngineError }
export interface Evaluation {
  report: Report;
  whatIf?: Report | PartError;
  goals?: ({ value: Decimal } | PartError)[];
  sensitivity?: SensitivityRow[] | PartError;
  progress?: Progress | PartError;
}

export interface Range { lever: string; low: DecimalInput; high: DecimalInput; mode?: DecimalInput | null }
export interface SimulateOptions {
  ranges?: Range[] | null;
  samples?: DecimalInput | null;
  seed?: DecimalInput | null;
  metric?: string | null;
  threshold?: DecimalInput | null;
}
export interface Summary {
  samples: Decimal;
  mean: Decimal;
  p10: Decimal;
  p50: Decimal;
  p90: Decimal;
  probabilityAtLeast?: Decimal;
  /** The histogram: bins of one round width, lowest first; empty past the decimal range. */
  bins: Bin[];
}
/** The samples from `lower` up to, not including, `upper` (one bin from a value to itself when all are equal). */
export interface Bin { lower: Decimal; upper: Decimal; count: Decimal }

/** An ISO date, "YYYY-MM-DD". (PlanOptions is generated from the schema table.) */
export type IsoDate = string;
export interface PlanStage { name: string; count: Decimal | null }
export interface Quota { top: Decimal | null; stages: PlanStage[]; deals: Decimal | null }
export interface PlanMonth {
  month: string;
  workdays: Decimal;
  target: Decimal;
  deals: Decimal | null;
  top: Decimal | null;
  stages: PlanStage[];
}
export interface PlanWeek {
  week: string;
  start: IsoDate;
  workdays: Decimal;
  target: Decimal;
  deals: Decimal | null;
  top: Decimal | null;
  stages: PlanStage[];
}
export interface Plan {
  days: Decimal;
  workdays: Decimal;
  target: Decimal;
  dealsNeeded: Decimal | null;
  needed: { top: Decimal | null; stages: PlanStage[] };
  perWorkday: Quota;
  perRep: Quota;
  repsNeeded?: Decimal | null;
  months: PlanMonth[];
  weeks: PlanWeek[];
  entryWindow?: { from: IsoDate; to: IsoDate };
}

/** Revenue, deals and top-of-funnel units: a gap, or what a workday or a rep needs. */
export interface ProgressFigures { revenue: Decimal | null; deals: Decimal | null; top: Decimal | null }
export interface ProgressStage { name: string; planned: Decimal; observed: Decimal | null; ratio: Decimal | null }
export interface Progress {
  workdays: Decimal;
  elapsed: Decimal;
  remaining: Decimal;
  target: Decimal;
  actual: { revenue: Decimal | null; deals: Decimal | null; top: Decimal | null; stages: Decimal[] | null };
  expected: { revenue: Decimal; deals: Decimal | null; top: Decimal | null };
  attainment: Decimal | null;
  pace: Decimal | null;
  projected: Decimal | null;
  onTrack: boolean | null;
  gap: ProgressFigures;
  perWorkday: ProgressFigures | null;
  perRep: ProgressFigures | null;
  repsNeeded?: Decimal | null;
  stages: ProgressStage[];
  /** The index of the weakest stage, as a decimal string ("2"), or null. */
  weakest: Decimal | null;
  pipeline?: {
    count: Decimal;
    weighted: Decimal;
    coverage: Decimal | null;
    dealsToClose: Decimal | null;
    chance: Decimal | null;
  };
}
