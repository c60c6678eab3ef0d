// The engine against two peers written in plain JS (bench/peers/): decimal.js and JS numbers, on
// compute, a simulate and a full sensitivity table, answers checked first; plan over a three-year
// window and progress with 1,000 open opportunities (no peer: the engine alone, its rows checked
// to add up and its chance against the exact binomial tail). Part 4 of `npm run bench`
// (scripts/bench.mjs); measureEngine gives the `engine` object of bench.json, printEngine its table.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './bytes.mjs';
import { compareResults, compareSensitivity, compareSummaries } from './compare.mjs';
import { int, lpad, pad, speed, times } from './table.mjs';
import { fmtMs, pairedRatio, race, timeCalls } from './timing.mjs';

const SENS_OPTIONS = { metric: '/funnel/revenue', by: '0.1' };
// plan over three years (1095 days: 37 months, 157 ISO weeks), with the usual holidays.
const PLAN_OPTIONS = {
  start: '2027-01-01',
  end: '2029-12-31',
  reps: '4',
  capacity: '70',
  holidays: ['2027', '2028', '2029'].flatMap((year) => [`${year}-01-01`, `${year}-05-01`, `${year}-12-25`, `${year}-12-26`]),
};

// progress with 1,000 open opportunities (the most allowed): the Danish leads funnel of the
// contract's example, the pipeline 700 waiting for a quote (p = 0.15) and 300 for an answer
// (p = 0.3), and a gap of 195 deals, the pipeline's mean: the widest distribution to work out.
const PROGRESS_MODEL = {
  funnel: {
    top: '1000',
    stages: [{ name: 'meetings', rate: '0.4' }, { name: 'quotes', rate: '0.5' }, { name: 'deals', rate: '0.3' }],
    dealSize: '4500',
  },
};
const PROGRESS_OPTIONS = {
  start: '2027-01-01',
  end: '2027-03-31',
  target: '900000',
  holidays: ['2027-01-01'],
  asOf: '2027-02-12',
  actuals: [{ date: '2027-01-31', revenue: '13500', deals: '3', top: '610' }, { date: '2027-02-12', revenue: '9000', deals: '2', top: '350' }],
  open: ['700', '300'],
};
// The hardest case: every opportunity a coin flip (p = 0.5), 500 deals to close of 1,000.
const PROGRESS_COINS = {
  model: { funnel: { top: '1', stages: [{ name: 'meetings', rate: '1' }, { name: 'deals', rate: '0.5' }], dealSize: '1' } },
  options: { start: '2027-01-04', end: '2027-01-08', target: '500', asOf: '2027-01-05', actuals: [{ date: '2027-01-05', revenue: '0' }], open: ['1000'] },
};

/** P(X >= k) for X ~ Binomial(n, 1/2), exactly, as a float for the check. */
function coinTail(n, k) {
  let c = 1n;
  let sum = 0n;
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += c;
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  return Number((sum * 10n ** 18n) / 2n ** BigInt(n)) / 1e18;
}

/**
 * Races the engine (www/pkg) against the peers on `model`, after checking their answers agree.
 * @param {{ model: object, ranges: object[], samples: number }} options the uncertainty and the
 *   sample count of the simulate race
 */
export async function measureEngine({ model, ranges, samples }) {
  const simulateOptions = { ranges, samples, seed: 1, metric: '/funnel/revenue' };
  const pkg = join(ROOT, 'www', 'pkg');
  if (!existsSync(join(pkg, 'sales_kpi.js'))) throw new Error('www/pkg/sales_kpi.js is missing: run `npm run build` first');
  const eng = await import(pathToFileURL(join(pkg, 'sales_kpi.js')).href);
  eng.initSync({ module: readFileSync(join(pkg, 'sales_kpi_bg.wasm')) });
  const dec = await import('./peers/decimal-peer.mjs');
  const flt = await import('./peers/float-peer.mjs');
  const impls = [
    ['engine', eng],
    ['decimal', dec],
    ['float', flt],
  ];

  // The answers first: the race is only fair between implementations that agree.
  const ref = { compute: eng.compute(model), sensitivity: eng.sensitivity(model, SENS_OPTIONS), simulate: eng.simulate(model, simulateOptions) };
  const checks = {
    compute: {
      decimal: compareResults(ref.compute, dec.compute(model)),
      float: compareResults(ref.compute, flt.compute(model), { mode: 'float' }),
    },
    sensitivity: {
      decimal: compareSensitivity(ref.sensitivity, dec.sensitivity(model, SENS_OPTIONS)),
      float: compareSensitivity(ref.sensitivity, flt.sensitivity(model, SENS_OPTIONS), { mode: 'float' }),
    },
    simulate: {
      decimal: compareSummaries(ref.simulate, dec.simulate(model, simulateOptions)),
      float: compareSummaries(ref.simulate, flt.simulate(model, simulateOptions)),
    },
  };

  const ops = [
    ['compute', 'compute (contract example)', (m) => () => m.compute(model), {}],
    ['sensitivity', 'sensitivity (revenue, by 0.1)', (m) => () => m.sensitivity(model, SENS_OPTIONS), {}],
    ['simulate', `simulate (${int(samples)} samples)`, (m) => () => m.simulate(model, simulateOptions), { warmupMs: 500, warmupCalls: 1, runMs: 0, runs: 5 }],
  ];
  const timing = {};
  const ratios = {};
  for (const [op, , make, opts] of ops) {
    const t = (timing[op] = race(Object.fromEntries(impls.map(([name, m]) => [name, make(m)])), opts));
    ratios[op] = { fasterThanDecimal: pairedRatio(t.decimal, t.engine), vsFloat: pairedRatio(t.engine, t.float) };
  }
  // plan has no peer: timed alone, after checking that its rows add up to its totals.
  const planRef = eng.plan(model, PLAN_OPTIONS);
  const total = (rows, pick) => rows.reduce((sum, row) => sum + BigInt(pick(row)), 0n);
  const planAddsUp = ['months', 'weeks'].every(
    (key) =>
      total(planRef[key], (row) => row.top) === BigInt(planRef.needed.top) &&
      total(planRef[key], (row) => row.deals) === BigInt(planRef.dealsNeeded) &&
      total(planRef[key], (row) => row.workdays) === BigInt(planRef.workdays),
  );
  timing.plan = { engine: timeCalls(() => eng.plan(model, PLAN_OPTIONS)) };
  // progress has no peer either: the coin-flip case's chance is checked against the exact tail.
  const progressRef = eng.progress(PROGRESS_MODEL, PROGRESS_OPTIONS);
  const coins = eng.progress(PROGRESS_COINS.model, PROGRESS_COINS.options);
  const progressChecked = Math.abs(Number(coins.pipeline.chance) - coinTail(1000, 500)) < 1e-12 && progressRef.pipeline.dealsToClose === '195';
  timing.progress = { engine: timeCalls(() => eng.progress(PROGRESS_MODEL, PROGRESS_OPTIONS)) };
  timing.progressCoins = { engine: timeCalls(() => eng.progress(PROGRESS_COINS.model, PROGRESS_COINS.options)) };
  // One keystroke in the widget with the goal and sensitivity panels on: the report, the
  // what-if, a goal seek per funnel lever and the sensitivity table, as separate calls and as
  // one `evaluate` (issue #12). Checked equal first.
  const goals = ['/funnel/top', '/funnel/stages/0/rate', '/funnel/stages/1/rate', '/funnel/dealSize'].map((lever) => ({ lever, metric: '/funnel/revenue', target: model.target }));
  const changes = [{ lever: '/funnel/dealSize', by: '0.1' }];
  const separately = () => ({
    report: eng.compute(model),
    whatIf: eng.whatIf(model, changes).scenario,
    goals: goals.map((goal) => ({ value: eng.solve(model, goal).value })),
    sensitivity: eng.sensitivity(model, SENS_OPTIONS),
  });
  const together = eng.evaluate ? () => eng.evaluate(model, { whatIf: changes, goals, sensitivity: SENS_OPTIONS }) : null;
  const keystrokeEqual = together ? JSON.stringify(together()) === JSON.stringify(separately()) : null;
  timing.keystroke = race(together ? { separate: separately, evaluate: together } : { separate: separately }, {});
  // What the JS side of the boundary costs by itself: the model to JSON text (the report comes
  // back as objects built by serde-wasm-bindgen, inside the engine's time).
  const boundary = race({ json: () => JSON.stringify(model) }, { runs: 5 }).json;
  return {
    engine: 'www/pkg/sales_kpi.js',
    peers: { decimal: `decimal.js ${dec.version} (precision 28, ROUND_HALF_EVEN)`, float: 'JS numbers (float64)' },
    model,
    simulateOptions,
    sensitivityOptions: SENS_OPTIONS,
    planOptions: PLAN_OPTIONS,
    planAddsUp,
    progressOptions: PROGRESS_OPTIONS,
    progressChecked,
    keystrokeEqual,
    reference: ref,
    checks,
    timing,
    ratios,
    jsonBoundary: boundary,
    // What printEngine names and says besides the timings.
    labels: Object.fromEntries(ops.map(([op, label]) => [op, label])),
    planWeeks: planRef.weeks.length,
    progressPipeline: { chance: progressRef.pipeline.chance, dealsToClose: progressRef.pipeline.dealsToClose },
  };
}

/**
 * Prints what measureEngine measured.
 * @param {Awaited<ReturnType<typeof measureEngine>>} engine
 * @param {(line?: string) => void} log
 */
export function printEngine(engine, log) {
  const { timing, ratios, checks } = engine;
  log(`\n4. Engine against its peers (Node ${process.version}; per call, median of interleaved timed runs after warm-up; ratios paired by run)`);
  log(`   ${pad('operation', 32)}${lpad('engine', 11)}${lpad('decimal.js', 12)}${lpad('JS numbers', 12)}   engine vs decimal.js   engine vs floats`);
  for (const [op, label] of Object.entries(engine.labels)) {
    const t = timing[op];
    const r = ratios[op];
    const vsF = r.vsFloat >= 1 ? `${times(r.vsFloat)} slower` : `${times(1 / r.vsFloat)} faster`;
    const vsD = speed(r.fasterThanDecimal);
    log(`   ${pad(label, 32)}${lpad(fmtMs(t.engine.perCall), 11)}${lpad(fmtMs(t.decimal.perCall), 12)}${lpad(fmtMs(t.float.perCall), 12)}   ${pad(vsD, 23)}${vsF}`);
  }
  const planLabel = `plan (3 years, ${engine.planWeeks} ISO weeks)`;
  log(`   ${pad(planLabel, 32)}${lpad(fmtMs(timing.plan.engine.perCall), 11)}${lpad('n/a', 12)}${lpad('n/a', 12)}   (no peer plans; rows ${engine.planAddsUp ? 'add up to the totals' : 'DO NOT ADD UP'})`);
  log(`   ${pad('progress (1,000 open, 2 groups)', 32)}${lpad(fmtMs(timing.progress.engine.perCall), 11)}${lpad('n/a', 12)}${lpad('n/a', 12)}   (no peer; chance ${engine.progressPipeline.chance} of ${engine.progressPipeline.dealsToClose} deals)`);
  log(`   ${pad('progress (1,000 coin flips)', 32)}${lpad(fmtMs(timing.progressCoins.engine.perCall), 11)}${lpad('n/a', 12)}${lpad('n/a', 12)}   (500 of 1,000 at p = 0.5; chance ${engine.progressChecked ? 'equals the exact tail within 1e-12' : 'DIFFERS from the exact tail'})`);
  const keys = timing.keystroke;
  log(`   ${pad('keystroke, every panel: 7 calls', 32)}${lpad(fmtMs(keys.separate.perCall), 11)}   ${keys.evaluate ? `one evaluate: ${fmtMs(keys.evaluate.perCall)} (${times(pairedRatio(keys.separate, keys.evaluate))} faster; answers ${engine.keystrokeEqual ? 'equal' : 'DIFFER'})` : '(no evaluate in this build)'}`);
  log(`   (of the engine's compute, ${fmtMs(engine.jsonBoundary.perCall)} is JSON.stringify of the model on the JS side)`);
  log('   answers checked against the engine:');
  const desc = (c, exact) => {
    const parts = [`${c.equal}/${c.fields} fields ${exact ? 'equal' : 'within 1e-9 relative'}`];
    if (c.lastDigit?.length) parts.push(`${c.lastDigit.length} differ only in the last digit of a division (precision, not an error)`);
    if (c.mismatches.length) parts.push(`${c.mismatches.length} MISMATCH: ${c.mismatches.map((m) => `${m.ptr} engine ${m.engine} peer ${m.peer} (${m.why})`).join('; ')}`);
    if (c.orderDiffers) parts.push(`rows in another order (${c.peerOrder.join(', ')}): ties in swing broken by float rounding`);
    return parts.join('; ');
  };
  log(`     compute      decimal.js: ${desc(checks.compute.decimal, true)}`);
  for (const l of checks.compute.decimal.lastDigit) log(`                  ${l.ptr}: engine ${l.engine}, decimal.js ${l.peer}`);
  log(`     compute      JS numbers: ${desc(checks.compute.float, false)}`);
  log(`     sensitivity  decimal.js: ${desc(checks.sensitivity.decimal, true)}`);
  log(`     sensitivity  JS numbers: ${desc(checks.sensitivity.float, false)}`);
  for (const [who, c] of [
    ['decimal.js', checks.simulate.decimal],
    ['JS numbers', checks.simulate.float],
  ]) {
    const f = c.fields.filter((x) => x.field !== 'samples');
    log(
      `     simulate     ${who}: ${c.ok ? 'agrees' : 'DISAGREES'} (own random numbers): ${f.map((x) => `${x.field} ${x.field === 'probabilityAtLeast' ? `${Number(x.engine).toFixed(4)} vs ${Number(x.peer).toFixed(4)}` : `${(x.diff * 100).toFixed(2)}%`}`).join(', ')}`,
    );
  }
}
