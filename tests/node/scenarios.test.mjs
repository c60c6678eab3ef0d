// whatIf, solve, sensitivity and simulate of the BUILT package (www/pkg), checked against
// docs/contract.md. Option errors: the contract leaves their pointers open, so for those
// we only check that the message starts with "/".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import Decimal from 'decimal.js';
import { example } from './example.mjs';

const PKG = new URL('../../www/pkg/', import.meta.url);
const engine = await import(new URL('sales_kpi.js', PKG).href);
engine.initSync({ module: readFileSync(new URL('sales_kpi_bg.wasm', PKG)) });
const { compute, whatIf, solve, sensitivity, simulate } = engine;

const PLAIN = /^-?\d+(\.\d*[1-9])?$/;
const D = Decimal.clone({ precision: 60 });

function funnelOnly() {
  const { funnel } = example();
  return { funnel };
}

/** Sets the number at a (simple, unescaped) JSON Pointer in a copy of model. */
function withValue(model, pointer, value) {
  const copy = structuredClone(model);
  const keys = pointer.split('/').slice(1);
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k];
  at[keys.at(-1)] = value;
  return copy;
}

function errorOf(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, `expected an Error instance, got ${typeof e}: ${String(e)}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `engine trapped (panic?): ${e.message}`);
    return e.message;
  }
  assert.fail('expected an error, but nothing was thrown');
}

/** For errors in a whole argument, the pointer is the root pointer "" (RFC 6901): message ": ...". */
function assertPointerMessage(msg) {
  assert.match(msg, /^(\/[^:]*)?: \S/, `message should begin with a JSON Pointer and ": ": ${JSON.stringify(msg)}`);
}

function assertStartsWith(msg, prefix) {
  assert.ok(msg.startsWith(prefix), `message should begin with ${JSON.stringify(prefix)}: ${JSON.stringify(msg)}`);
}

function assertNames(msg, pointer) {
  assert.ok(msg.includes(pointer), `message should name ${pointer}: ${JSON.stringify(msg)}`);
  assert.ok(msg.startsWith('/'), `message should begin with a JSON Pointer: ${JSON.stringify(msg)}`);
}

function relClose(actual, expected, tol, what) {
  const a = new D(actual);
  const e = new D(expected);
  const rel = e.isZero() ? a.abs() : a.minus(e).abs().div(e.abs());
  assert.ok(rel.lte(tol), `${what}: ${actual} is not within ${tol} relative of ${expected} (off by ${rel.toExponential(3)})`);
}

describe('whatIf', () => {
  test('base is compute(model); scenario is compute of the changed model', () => {
    const { base, scenario } = whatIf(example(), [{ lever: '/funnel/dealSize', by: '0.1' }]);
    assert.deepEqual(base, compute(example()));
    assert.deepEqual(scenario, compute(withValue(example(), '/funnel/dealSize', '13750')));
    assert.equal(scenario.funnel.revenue, '825000');
  });

  test('by: new = old x (1 + by), also negative', () => {
    assert.equal(whatIf(example(), [{ lever: '/funnel/dealSize', by: '-0.05' }]).scenario.funnel.revenue, '712500');
    assert.equal(whatIf(example(), [{ lever: '/acquisitionCost', by: '0.1' }]).scenario.economics.cac, '1650');
    assert.equal(whatIf(example(), [{ lever: '/funnel/top', by: 0.5 }]).scenario.funnel.revenue, '1125000');
  });

  test('add: new = old + add (percentage points for a rate)', () => {
    const { scenario } = whatIf(example(), [{ lever: '/funnel/stages/0/rate', add: '0.01' }]);
    assert.equal(scenario.funnel.stages[0].rate, '0.035');
    assert.equal(scenario.funnel.stages[0].count, '420');
    assert.equal(scenario.funnel.revenue, '1050000');
    assert.equal(whatIf(example(), [{ lever: '/funnel/stages/1/rate', add: '-0.05' }]).scenario.funnel.deals, '45');
  });

  test('to: new = to', () => {
    const { scenario } = whatIf(example(), [{ lever: '/funnel/top', to: '20000' }]);
    assert.equal(scenario.funnel.stages[0].count, '500');
    assert.equal(scenario.funnel.revenue, '1250000');
    assert.equal(scenario.target.attainment, '1.25');
  });

  test('changes apply in order', () => {
    const a = whatIf(example(), [
      { lever: '/funnel/dealSize', to: '10000' },
      { lever: '/funnel/dealSize', by: '0.5' },
    ]);
    assert.equal(a.scenario.funnel.revenue, '900000'); // 15000 x 60
    const b = whatIf(example(), [
      { lever: '/funnel/dealSize', by: '0.5' },
      { lever: '/funnel/dealSize', to: '10000' },
    ]);
    assert.equal(b.scenario.funnel.revenue, '600000'); // 10000 x 60
    const c = whatIf(example(), [
      { lever: '/funnel/stages/1/rate', add: '0.1' },
      { lever: '/funnel/stages/1/rate', by: '1' },
    ]);
    assert.equal(c.scenario.funnel.stages[1].rate, '0.6'); // (0.2 + 0.1) x 2
  });

  test('no changes: scenario equals base', () => {
    const { base, scenario } = whatIf(example(), []);
    assert.deepEqual(scenario, base);
  });

  test('the model passed in is not modified', () => {
    const m = example();
    whatIf(m, [{ lever: '/funnel/dealSize', to: '1' }]);
    assert.deepEqual(m, example());
  });

  test('a change that leaves the model invalid is an error naming the lever', () => {
    assertNames(errorOf(() => whatIf(example(), [{ lever: '/funnel/stages/1/rate', add: '0.9' }])), '/funnel/stages/1/rate');
    assertNames(errorOf(() => whatIf(example(), [{ lever: '/funnel/dealSize', by: '-2' }])), '/funnel/dealSize');
    assertNames(errorOf(() => whatIf(example(), [{ lever: '/target', to: '0' }])), '/target');
  });

  test('a lever that names nothing is an error beginning with that pointer', () => {
    for (const lever of ['/funnel/nope', '/funnel/stages/5/rate', '/nope', '/funnel/stages/x/rate']) {
      assertStartsWith(errorOf(() => whatIf(example(), [{ lever, to: '1' }])), lever);
    }
  });

  test('a lever naming an absent optional field is an error naming the lever', () => {
    assertNames(errorOf(() => whatIf(funnelOnly(), [{ lever: '/acquisitionCost', to: '1' }])), '/acquisitionCost');
    assertNames(errorOf(() => whatIf(funnelOnly(), [{ lever: '/customer/grossMargin', to: '0.5' }])), '/customer/grossMargin');
  });

  test('a lever naming something that is not a number is an error', () => {
    for (const lever of ['/funnel/stages/0/name', '/funnel/stages', '/funnel', '']) {
      assert.ok(errorOf(() => whatIf(example(), [{ lever, to: '1' }])).length > 0);
    }
  });

  test('malformed changes are errors with a pointer', () => {
    const bad = [
      [{ lever: '/funnel/dealSize' }],
      [{ lever: '/funnel/dealSize', by: '0.1', to: '1' }],
      [{ lever: '/funnel/dealSize', by: 'ten percent' }],
      [{ lever: '/funnel/dealSize', by: '' }],
      [{ lever: '/funnel/dealSize', to: Number.NaN }],
      [{ lever: '/funnel/dealSize', times: '2' }],
      [{ by: '0.1' }],
      [{ lever: 42, to: '1' }],
      ['/funnel/dealSize'],
      'not a list',
      null,
    ];
    for (const changes of bad) {
      const msg = errorOf(() => whatIf(example(), changes));
      if (changes !== null && typeof changes === 'object') assertStartsWith(msg, '/');
      else assertPointerMessage(msg);
    }
  });

  test('an invalid model is reported as in compute', () => {
    const m = example();
    m.funnel.stages[1].rate = '1.5';
    assertStartsWith(errorOf(() => whatIf(m, [{ lever: '/funnel/dealSize', by: '0.1' }])), '/funnel/stages/1/rate: ');
  });
});

describe('solve', () => {
  test('dealSize for a revenue target is exact: target / deals', () => {
    const s = solve(example(), { lever: '/funnel/dealSize', metric: '/funnel/revenue', target: '900000' });
    assert.equal(s.value, '15000');
    assert.equal(s.report.funnel.revenue, '900000');
    assert.deepEqual(s.report, compute(withValue(example(), '/funnel/dealSize', '15000')));

    const t = solve(example(), { lever: '/funnel/dealSize', metric: '/funnel/revenue', target: '1000000' });
    assert.equal(t.value, '16666.666666666666666666666667'); // 1000000 / 60, half-even at the last digit
    relClose(t.report.funnel.revenue, '1000000', '1e-25', 'revenue');
  });

  test('top for a revenue target is exact', () => {
    const s = solve(example(), { lever: '/funnel/top', metric: '/funnel/revenue', target: '1000000' });
    assert.equal(s.value, '16000');
    assert.equal(s.report.funnel.revenue, '1000000');
  });

  test('a rate for a revenue target (proportional)', () => {
    const s = solve(example(), { lever: '/funnel/stages/1/rate', metric: '/funnel/revenue', target: '900000' });
    assert.equal(s.value, '0.24');
    assert.equal(s.report.funnel.revenue, '900000');
    const r = solve(example(), { lever: '/funnel/stages/0/rate', metric: '/funnel/revenue', target: '1000000' });
    relClose(r.value, new D(1).div(30), '1e-26', 'rate'); // 1000000 / (12000 x 0.2 x 12500)
    assert.match(r.value, PLAIN);
  });

  test('attainment 1 via dealSize is the same as revenue = target', () => {
    const s = solve(example(), { lever: '/funnel/dealSize', metric: '/target/attainment', target: '1' });
    assert.equal(s.value, '16666.666666666666666666666667');
  });

  test('a non-proportional metric: ltvToCac via acquisitionCost', () => {
    // ltvToCac = clv x deals / acquisitionCost = 30000 x 60 / a; 10 -> a = 180000
    const s = solve(example(), { lever: '/acquisitionCost', metric: '/economics/ltvToCac', target: '10' });
    relClose(s.value, '180000', '1e-12', 'value');
    relClose(s.report.economics.ltvToCac, '10', '1e-9', 'metric');
    assert.match(s.value, PLAIN);
  });

  test('a non-proportional metric: paybackMonths via grossMargin', () => {
    // payback = 1500 x 12 / (12500 x gm) = 1.44 / gm; 2 -> gm = 0.72
    const s = solve(example(), { lever: '/customer/grossMargin', metric: '/economics/paybackMonths', target: '2' });
    relClose(s.value, '0.72', '1e-12', 'value');
    relClose(s.report.economics.paybackMonths, '2', '1e-9', 'metric');
  });

  test('a rate that would need to pass 100 % is an error naming the lever', () => {
    const msg = errorOf(() => solve(example(), { lever: '/funnel/stages/1/rate', metric: '/funnel/revenue', target: '10000000' }));
    assertNames(msg, '/funnel/stages/1/rate');
    assert.ok(msg.length > '/funnel/stages/1/rate: '.length + 5, 'the message should say why');
  });

  test('a metric the lever does not move is an error naming the lever', () => {
    assertNames(errorOf(() => solve(example(), { lever: '/cycleDays', metric: '/funnel/revenue', target: '1' })), '/cycleDays');
  });

  test('unknown lever or metric: error beginning with that pointer', () => {
    assertStartsWith(errorOf(() => solve(example(), { lever: '/funnel/nope', metric: '/funnel/revenue', target: '1' })), '/funnel/nope');
    assertStartsWith(errorOf(() => solve(example(), { lever: '/funnel/top', metric: '/funnel/nope', target: '1' })), '/funnel/nope');
  });

  test('malformed goals are errors with a pointer', () => {
    for (const goal of [
      { lever: '/funnel/top', metric: '/funnel/revenue' },
      { lever: '/funnel/top', metric: '/funnel/revenue', target: 'lots' },
      { lever: '/funnel/top', target: '1' },
      { lever: '/funnel/top', metric: '/funnel/revenue', target: '1', extra: 1 },
    ]) {
      assertStartsWith(errorOf(() => solve(example(), goal)), '/');
    }
    assertPointerMessage(errorOf(() => solve(example(), null)));
  });
});

describe('sensitivity', () => {
  const byLever = (rows) => Object.fromEntries(rows.map((r) => [r.lever, r]));

  test('default: revenue, +/-10 %, zero swings left out, ties by lever ascending', () => {
    const rows = sensitivity(example());
    assert.deepEqual(
      rows.map((r) => r.lever),
      ['/funnel/dealSize', '/funnel/stages/0/rate', '/funnel/stages/1/rate', '/funnel/top'],
    );
    const m = byLever(rows);
    assert.deepEqual(
      { ...m['/funnel/dealSize'] },
      { lever: '/funnel/dealSize', lowValue: '11250', highValue: '13750', low: '675000', high: '825000', swing: '150000' },
    );
    assert.equal(m['/funnel/stages/0/rate'].lowValue, '0.0225');
    assert.equal(m['/funnel/stages/0/rate'].highValue, '0.0275');
    assert.equal(m['/funnel/stages/1/rate'].lowValue, '0.18');
    assert.equal(m['/funnel/top'].highValue, '13200');
    for (const r of rows) assert.equal(r.swing, '150000');
  });

  test('options given explicitly equal the defaults', () => {
    assert.deepEqual(sensitivity(example(), { metric: '/funnel/revenue', by: '0.1' }), sensitivity(example()));
    assert.deepEqual(sensitivity(example(), {}), sensitivity(example()));
  });

  test('values are clamped into the valid range, and rows sorted by swing', () => {
    const m = example();
    m.funnel.stages[0].rate = '0.95'; // revenue 28,500,000
    const rows = sensitivity(m);
    assert.deepEqual(
      rows.map((r) => r.lever),
      ['/funnel/dealSize', '/funnel/stages/1/rate', '/funnel/top', '/funnel/stages/0/rate'],
    );
    const r0 = byLever(rows)['/funnel/stages/0/rate'];
    assert.equal(r0.highValue, '1');
    assert.equal(r0.lowValue, '0.855');
    assert.equal(r0.high, '30000000');
    assert.equal(r0.low, '25650000');
    assert.equal(r0.swing, '4350000');
    assert.equal(byLever(rows)['/funnel/top'].swing, '5700000');
  });

  test('another metric: /target/gap moves with the target too', () => {
    const rows = sensitivity(example(), { metric: '/target/gap' });
    assert.equal(rows[0].lever, '/target');
    assert.equal(rows[0].lowValue, '900000');
    assert.equal(rows[0].low, '150000');
    assert.equal(rows[0].high, '350000');
    assert.equal(rows[0].swing, '200000');
    const top = byLever(rows)['/funnel/top'];
    assert.equal(top.low, '325000');
    assert.equal(top.high, '175000');
    assert.equal(top.swing, '150000');
    assert.equal(rows.length, 5);
  });

  test('a different by', () => {
    const rows = sensitivity(example(), { by: '0.5' });
    const d = byLever(rows)['/funnel/dealSize'];
    assert.equal(d.lowValue, '6250');
    assert.equal(d.highValue, '18750');
    assert.equal(d.swing, '750000');
  });

  test('velocity: cycleDays matters (inverse), swings are sorted and plain', () => {
    const rows = sensitivity(example(), { metric: '/velocity/perDay' });
    const levers = rows.map((r) => r.lever);
    assert.ok(levers.includes('/cycleDays'));
    for (let i = 1; i < rows.length; i++) {
      const c = new D(rows[i - 1].swing).cmp(new D(rows[i].swing));
      assert.ok(c > 0 || (c === 0 && rows[i - 1].lever < rows[i].lever), `rows ${i - 1} and ${i} out of order`);
    }
    for (const r of rows) {
      for (const k of ['lowValue', 'highValue', 'low', 'high', 'swing']) assert.match(r[k], PLAIN, `${r.lever} ${k}`);
      assert.ok(!new D(r.swing).isZero());
    }
  });

  test('unknown metric: error beginning with the pointer; bad options: error with a pointer', () => {
    assertStartsWith(errorOf(() => sensitivity(example(), { metric: '/nope' })), '/nope');
    assertStartsWith(errorOf(() => sensitivity(example(), { by: 'ten' })), '/');
    assertStartsWith(errorOf(() => sensitivity(example(), { by: '0.1', typo: 1 })), '/');
  });
});

describe('simulate', () => {
  const ranges = [{ lever: '/funnel/dealSize', low: '10000', high: '20000' }];

  test('the same seed gives the same summary, byte for byte', () => {
    const a = simulate(example(), { ranges, samples: 2000, seed: 42 });
    const b = simulate(example(), { ranges, samples: 2000, seed: 42 });
    assert.equal(JSON.stringify(a), JSON.stringify(b));
    const c = simulate(example(), { ranges, samples: 2000, seed: 43 });
    assert.notEqual(JSON.stringify(a), JSON.stringify(c), 'another seed should give other samples');
  });

  test('summary shape: samples, mean, p10 <= p50 <= p90 inside the range, probabilityAtLeast in [0, 1]', () => {
    const s = simulate(example(), { ranges, samples: 10000, seed: 7 });
    assert.equal(Number(s.samples), 10000);
    for (const k of ['mean', 'p10', 'p50', 'p90', 'probabilityAtLeast']) assert.match(String(s[k]), PLAIN, k);
    const [p10, p50, p90, mean] = [s.p10, s.p50, s.p90, s.mean].map((x) => new D(x));
    assert.ok(p10.lte(p50) && p50.lte(p90), `percentiles out of order: ${s.p10} ${s.p50} ${s.p90}`);
    assert.ok(p10.gte(600000) && p90.lte(1200000), 'percentiles inside [600000, 1200000]');
    assert.ok(mean.gte(600000) && mean.lte(1200000), 'mean inside the range');
    // revenue = 60 x dealSize, uniform on [600000, 1200000]: p10 ~ 660000, p50 ~ 900000, p90 ~ 1140000
    assert.ok(p50.minus(900000).abs().lt(20000), `p50 ${s.p50}`);
    assert.ok(p10.minus(660000).abs().lt(20000), `p10 ${s.p10}`);
    assert.ok(p90.minus(1140000).abs().lt(20000), `p90 ${s.p90}`);
    assert.ok(mean.minus(900000).abs().lt(15000), `mean ${s.mean}`);
    // threshold defaults to the model's target: P(revenue >= 1e6) = P(dealSize >= 16666.67) = 1/3
    const p = Number(s.probabilityAtLeast);
    assert.ok(p >= 0 && p <= 1);
    assert.ok(Math.abs(p - 1 / 3) < 0.03, `probabilityAtLeast ${s.probabilityAtLeast}`);
  });

  test('a range of one value gives compute\'s revenue everywhere', () => {
    const s = simulate(example(), { ranges: [{ lever: '/funnel/dealSize', low: '12500', high: '12500' }], samples: 500, seed: 1 });
    for (const k of ['mean', 'p10', 'p50', 'p90']) assert.equal(s[k], compute(example()).funnel.revenue, k);
    assert.equal(Number(s.probabilityAtLeast), 0);
  });

  test('threshold: explicit, and absent when there is neither threshold nor target', () => {
    const s = simulate(example(), { ranges, samples: 1000, seed: 3, threshold: '0' });
    assert.equal(Number(s.probabilityAtLeast), 1);
    const n = simulate(funnelOnly(), { ranges, samples: 1000, seed: 3 });
    assert.ok(n.probabilityAtLeast === undefined || !('probabilityAtLeast' in n), 'no threshold, no probability');
  });

  test('defaults: samples = 10000, metric = /funnel/revenue', () => {
    const s = simulate(example(), { ranges, seed: 5 });
    assert.equal(Number(s.samples), 10000);
    assert.deepEqual(simulate(example(), { ranges, seed: 5, samples: 10000, metric: '/funnel/revenue' }), s);
  });

  test('triangular with a mode, several levers, another metric', () => {
    const s = simulate(example(), {
      ranges: [
        { lever: '/funnel/dealSize', low: '10000', high: '20000', mode: '19000' },
        { lever: '/funnel/stages/1/rate', low: '0.1', high: '0.3' },
      ],
      samples: 5000,
      seed: 11,
      metric: '/target/attainment',
    });
    const [p10, p50, p90] = [s.p10, s.p50, s.p90].map((x) => new D(x));
    assert.ok(p10.lte(p50) && p50.lte(p90));
    assert.ok(p10.gte(0.3) && p90.lte(1.8)); // 12000 x 0.025 x [0.1, 0.3] x [10000, 20000] / 1e6
    // a mode near the top moves the median above the uniform one
    const u = simulate(example(), { ranges: [{ lever: '/funnel/dealSize', low: '10000', high: '20000' }], samples: 5000, seed: 11 });
    const t = simulate(example(), { ranges: [{ lever: '/funnel/dealSize', low: '10000', high: '20000', mode: '19000' }], samples: 5000, seed: 11 });
    assert.ok(new D(t.p50).gt(new D(u.p50)), `triangular p50 ${t.p50} should exceed uniform p50 ${u.p50}`);
  });

  test('1 sample and the limits of samples', () => {
    const one = simulate(example(), { ranges, samples: 1, seed: 9 });
    assert.equal(Number(one.samples), 1);
    assert.equal(one.p10, one.p90);
    assert.equal(one.p10, one.mean);
    for (const samples of [0, 1_000_001, -1, 1.5, 'ten']) {
      assertStartsWith(errorOf(() => simulate(example(), { ranges, samples, seed: 1 })), '/');
    }
  });

  test('errors: unknown lever begins with the lever; low > high, bad mode, invalid values have a pointer', () => {
    assertStartsWith(errorOf(() => simulate(example(), { ranges: [{ lever: '/funnel/nope', low: '1', high: '2' }], seed: 1 })), '/funnel/nope');
    const bad = [
      [{ lever: '/funnel/dealSize', low: '2', high: '1' }],
      [{ lever: '/funnel/dealSize', low: '1', high: '2', mode: '3' }],
      [{ lever: '/funnel/dealSize', low: 'x', high: '2' }],
      [{ lever: '/funnel/stages/0/rate', low: '0.5', high: '1.5' }],
      [{ lever: '/funnel/dealSize', low: '1' }],
    ];
    for (const r of bad) assertStartsWith(errorOf(() => simulate(example(), { ranges: r, samples: 10, seed: 1 })), '/');
    assertStartsWith(errorOf(() => simulate(example(), { ranges, samples: 10, seed: 1, metric: '/nope' })), '/nope');
  });
});

describe('resilience across functions', () => {
  test('errors in every function do not disturb later answers', () => {
    const good = compute(example());
    for (let i = 0; i < 250; i++) {
      assert.throws(() => whatIf(example(), [{ lever: '/nope', to: '1' }]));
      assert.throws(() => solve(example(), { lever: '/funnel/stages/1/rate', metric: '/funnel/revenue', target: '1e9' }));
      assert.throws(() => sensitivity(example(), { metric: '/nope' }));
      assert.throws(() => simulate(example(), { ranges: [], samples: 0, seed: 1 }));
    }
    assert.deepEqual(compute(example()), good);
    assert.equal(whatIf(example(), [{ lever: '/funnel/dealSize', by: '0.1' }]).scenario.funnel.revenue, '825000');
  });
});
