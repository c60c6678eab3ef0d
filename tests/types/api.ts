// Type check of the npm package's public API (www/pkg/sales_kpi.d.ts), run by `npm test`:
//   tsc -p tests/types/tsconfig.json     (strict, no emit)
// It is never executed; it must only compile. Imports go through the package's own name, so the
// `exports` map of package.json ("types" condition) is checked too.
import init, { initSync, compute, whatIf, solve, sensitivity, simulate, plan, progress, evaluate } from 'sales-kpi';
import type {
  Model,
  Report,
  Change,
  WhatIfResult,
  Goal,
  Solution,
  SensitivityOptions,
  SensitivityRow,
  SimulateOptions,
  Summary,
  PlanOptions,
  Plan,
  PlanWeek,
  ProgressOptions,
  Progress,
  ProgressStage,
  EngineError,
  ErrorCode,
  Stage,
} from 'sales-kpi';
import schema from 'sales-kpi/schema';
import type { SchemaField } from 'sales-kpi/schema';

const model: Model = {
  funnel: {
    top: '12000',
    stages: [
      { name: 'meetings', rate: '0.025' },
      { name: 'deals', rate: '0.2' },
    ],
    dealSize: '12500',
  },
  target: '1000000',
  cycleDays: '45',
  acquisitionCost: '90000',
  customer: { purchaseValue: '12500', purchasesPerYear: '1', lifespanYears: '4', grossMargin: '0.6' },
  retention: { start: '200', end: '210', new: '30' },
  growth: { previous: '800000', current: '912000' },
};

// Only the funnel is required.
const minimal: Model = { funnel: { top: '1', stages: [{ name: 'a', rate: '1' }], dealSize: '1' } };

export async function inBrowser(): Promise<string> {
  await init();
  const report: Report = compute(model);
  const revenue: string = report.funnel.revenue;
  const deals: string = report.funnel.deals;
  const firstCount: string = report.funnel.stages[0].count;
  const cac = report.economics?.cac;
  const cacText: string = cac ?? 'n/a';
  const needed = report.target?.needed.top;
  const neededText: string = needed ?? 'n/a';
  return [revenue, deals, firstCount, cacText, neededText].join(' ');
}

export function inNode(bytes: Uint8Array): void {
  initSync({ module: bytes });

  const changes: Change[] = [
    { lever: '/funnel/dealSize', by: '0.1' },
    { lever: '/funnel/stages/0/rate', add: '0.01' },
    { lever: '/funnel/top', to: '20000' },
  ];
  const w: WhatIfResult = whatIf(model, changes);
  const delta: [string, string] = [w.base.funnel.revenue, w.scenario.funnel.revenue];

  const goal: Goal = { lever: '/funnel/dealSize', metric: '/funnel/revenue', target: '1000000' };
  const s: Solution = solve(model, goal);
  const value: string = s.value;
  const solvedReport: Report = s.report;

  const sOpts: SensitivityOptions = { metric: '/funnel/revenue', by: '0.1' };
  const rows: SensitivityRow[] = sensitivity(model, sOpts);
  const first: string | undefined = rows[0]?.lever;
  const swing: string | undefined = rows[0]?.swing;
  sensitivity(minimal);

  const simOpts: SimulateOptions = {
    ranges: [{ lever: '/funnel/dealSize', low: '10000', high: '15000', mode: '12500' }],
    samples: 1000,
    seed: 42,
  };
  const summary: Summary = simulate(model, simOpts);
  const percentiles: string[] = [summary.p10, summary.p50, summary.p90, summary.mean];

  const planOpts: PlanOptions = {
    start: '2027-01-01',
    end: '2027-03-31',
    growth: { baseline: '135000', by: '0.14' },
    reps: '2.5',
    capacity: 70,
    workdays: [1, 2, 3, 4, 5],
    holidays: ['2027-01-01'],
  };
  const p: Plan = plan(model, planOpts);
  const perDay: string | null = p.perWorkday.top;
  const firstWeek: PlanWeek | undefined = p.weeks[0];
  const weekLabel: string | undefined = firstWeek?.week;
  const entry: string | undefined = p.entryWindow?.from;
  const reps: string | null | undefined = p.repsNeeded;
  const monthDeals: (string | null)[] = p.months.map((month) => month.deals);
  plan(minimal, { start: '2027-01-01', end: '2027-01-31', target: '1000' });

  const progressOpts: ProgressOptions = {
    ...planOpts,
    asOf: '2027-02-12',
    actuals: [
      { date: '2027-01-31', revenue: '45000', deals: 10, top: '750', stages: ['282', '126', 10] },
      { date: '2027-02-12', revenue: null },
    ],
    open: ['40', 9],
  };
  const now: Progress = progress(model, progressOpts);
  const onTrack: boolean | null = now.onTrack;
  const chance: string | null | undefined = now.pipeline?.chance;
  const weakest: ProgressStage | undefined = now.weakest === null ? undefined : now.stages[Number(now.weakest)];
  const todayNeeds: string | null | undefined = now.perWorkday?.deals;
  const both = evaluate(model, { progress: progressOpts });
  const progressPart = both.progress;

  void [delta, value, solvedReport, first, swing, percentiles, perDay, weekLabel, entry, reps, monthDeals, onTrack, chance, weakest, todayNeeds, progressPart];
}

// Wrongly typed calls must not compile.
// @ts-expect-error a number is not a Model
compute(42);
// @ts-expect-error the funnel is required
compute({});
// @ts-expect-error a Report is not a string
export const notAString: string = compute(model);
// @ts-expect-error a Goal needs a metric
solve(model, { lever: '/funnel/top', target: '1' });
// @ts-expect-error plan needs the window's end
plan(model, { start: '2027-01-01' });
// @ts-expect-error dates are ISO text, not Date objects
plan(model, { start: new Date(), end: '2027-01-31' });
// @ts-expect-error progress needs the day whose results are in
progress(model, { start: '2027-01-01', end: '2027-01-31', actuals: [{ date: '2027-01-08' }] });
// @ts-expect-error each row needs its date
progress(model, { start: '2027-01-01', end: '2027-01-31', asOf: '2027-01-08', actuals: [{ revenue: '1' }] });

// Errors: a program branches on the code and reads the parameters, never the sentence.
export function explain(error: unknown): string {
  const engineError = error as EngineError;
  const code: ErrorCode = engineError.code;
  switch (code) {
    case 'outOfRange':
      return `${engineError.pointer} ${String(engineError.params.value)}`;
    case 'tooLong':
      return `max ${Number(engineError.params.max)}`;
    default:
      return engineError.message;
  }
}

// The schema module: kinds and limits for the widget, typed.
export const rateFields: SchemaField[] = schema.fields.filter((field) => field.kind === 'rate');
export const maxStages: number = schema.lists['/funnel/stages'].maxItems;
export const firstStage: Stage = minimal.funnel.stages[0];
