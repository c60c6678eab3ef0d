// compute(model) of the BUILT package (www/pkg), checked against docs/contract.md.
// Written from the contract, independently of the engine's source.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { example } from './example.mjs';

const PKG = new URL('../../www/pkg/', import.meta.url);
const engine = await import(new URL('sales_kpi.js', PKG).href);
const wasmExports = engine.initSync({ module: readFileSync(new URL('sales_kpi_bg.wasm', PKG)) });
const { compute } = engine;

const PLAIN = /^-?\d+(\.\d*[1-9])?$/;

function funnelOnly(top = '12000', rates = ['0.025', '0.2'], dealSize = '12500') {
  return { funnel: { top, stages: rates.map((rate, i) => ({ name: `s${i}`, rate })), dealSize } };
}

/** Every number in a result is a plain decimal string (names and pointers excepted). */
function assertPlainDecimals(value, path = '') {
  if (value === null) return;
  if (Array.isArray(value)) return value.forEach((v, i) => assertPlainDecimals(v, `${path}/${i}`));
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'name' || k === 'lever') continue;
      assertPlainDecimals(v, `${path}/${k}`);
    }
    return;
  }
  assert.equal(typeof value, 'string', `${path} should be a string, got ${typeof value} ${String(value)}`);
  assert.match(value, PLAIN, `${path} = "${value}" is not plain decimal notation`);
  assert.notEqual(value, '-0', `${path} is "-0"`);
}

/** Asserts fn throws a proper Error whose message begins with `pointer: `; returns the message. */
function throwsAt(fn, pointer, ...words) {
  return throwsUnder(fn, `${pointer}: `, ...words);
}

/** Asserts fn throws a proper Error whose message begins with `prefix`; returns the message. */
function throwsUnder(fn, prefix, ...words) {
  const pointer = prefix.replace(/: $/, '');
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, `expected an error at ${pointer}, but nothing was thrown`);
  assert.ok(caught instanceof Error, `expected an Error instance, got ${typeof caught}: ${String(caught)}`);
  assert.ok(!(caught instanceof WebAssembly.RuntimeError), `engine trapped (panic?): ${caught.message}`);
  assert.ok(
    caught.message.startsWith(prefix),
    `message should begin with "${prefix}" but was: ${JSON.stringify(caught.message)}`,
  );
  assert.ok(caught.message.length > pointer.length + 2, 'message should explain the problem');
  for (const w of words) assert.match(caught.message, new RegExp(w, 'i'), `message should mention "${w}": ${caught.message}`);
  return caught.message;
}

/**
 * For inputs so large or deep that the engine may refuse them as a whole: the message begins with
 * one of `prefixes` (a pointer, or ": " for the root pointer of the whole model), and is one clean
 * sentence (no chain of nested "Error: ..." texts, not huge).
 */
function throwsClean(fn, prefixes) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, `expected an Error, got ${String(caught)}`);
  assert.ok(!(caught instanceof WebAssembly.RuntimeError), `engine trapped (panic?): ${caught.message}`);
  const msg = caught.message;
  const shown = JSON.stringify(msg.length > 300 ? `${msg.slice(0, 300)}…` : msg);
  assert.ok(prefixes.some((p) => msg.startsWith(p)), `message should begin with one of ${JSON.stringify(prefixes)}: ${shown}`);
  assert.ok(!/\bError: /.test(msg), `message should be one sentence, not a chain of errors: ${shown}`);
  assert.ok(msg.length < 500, `message is ${msg.length} characters long: ${shown}`);
  return msg;
}

describe('compute: the contract example', () => {
  const r = compute(example());

  test('funnel', () => {
    assert.deepEqual(
      r.funnel.stages.map(({ name, rate, count }) => ({ name, rate, count })),
      [
        { name: 'meetings', rate: '0.025', count: '300' },
        { name: 'deals', rate: '0.2', count: '60' },
      ],
    );
    assert.equal(r.funnel.conversion, '0.005');
    assert.equal(r.funnel.deals, '60');
    assert.equal(r.funnel.revenue, '750000');
  });

  test('target', () => {
    assert.equal(r.target.attainment, '0.75');
    assert.equal(r.target.gap, '250000');
    assert.equal(r.target.dealsNeeded, '80');
    assert.equal(r.target.needed.top, '16000');
    assert.deepEqual(
      r.target.needed.stages.map(({ name, count }) => ({ name, count })),
      [
        { name: 'meetings', count: '400' },
        { name: 'deals', count: '80' },
      ],
    );
  });

  test('velocity: revenue / cycleDays rounded half-even at the last digit', () => {
    assert.equal(r.velocity.perDay, '16666.666666666666666666666667');
  });

  test('economics', () => {
    assert.equal(r.economics.cac, '1500');
    assert.equal(r.economics.clv, '30000');
    assert.equal(r.economics.ltvToCac, '20');
    assert.equal(r.economics.paybackMonths, '2.4');
  });

  test('retention and growth', () => {
    assert.equal(r.retention.rate, '0.9');
    assert.equal(r.retention.churn, '0.1');
    assert.equal(r.growth.rate, '0.14');
  });

  test('every number is a plain decimal string', () => {
    assertPlainDecimals(r);
  });

  test('the input model is not modified', () => {
    const m = example();
    compute(m);
    assert.deepEqual(m, example());
  });

  test('the same model gives the same report', () => {
    assert.deepEqual(compute(example()), r);
  });
});

describe('compute: formulas', () => {
  test('count_i = top x rate_1 x ... x rate_i; conversion = product of rates', () => {
    const rates = Array.from({ length: 12 }, () => '0.5');
    const r = compute(funnelOnly('4096', rates, '100'));
    assert.equal(r.funnel.stages.length, 12);
    r.funnel.stages.forEach((s, i) => assert.equal(s.count, String(4096 / 2 ** (i + 1)), `stage ${i}`));
    assert.equal(r.funnel.conversion, '0.000244140625');
    assert.equal(r.funnel.deals, '1');
    assert.equal(r.funnel.revenue, '100');
  });

  test('counts are exact decimals, not floats (0.1 x 0.2 x 0.3)', () => {
    const r = compute(funnelOnly('1', ['0.1', '0.2', '0.3'], '1'));
    assert.equal(r.funnel.conversion, '0.006');
    assert.equal(r.funnel.stages[2].count, '0.006');
    assert.equal(r.funnel.revenue, '0.006');
  });

  test('a single stage', () => {
    const r = compute(funnelOnly('1000', ['0.3'], '50'));
    assert.equal(r.funnel.deals, '300');
    assert.equal(r.funnel.revenue, '15000');
    assert.equal(r.funnel.conversion, '0.3');
  });

  test('dealsNeeded rounds up; needed counts are whole and computed backwards', () => {
    const m = example();
    m.target = '1000001';
    const r = compute(m);
    assert.equal(r.target.dealsNeeded, '81'); // 80.00008 -> 81
    assert.equal(r.target.needed.stages[1].count, '81');
    assert.equal(r.target.needed.stages[0].count, '405'); // 81 / 0.2
    assert.equal(r.target.needed.top, '16200'); // 405 / 0.025
    const m2 = example();
    m2.funnel.stages[1].rate = '0.3';
    const r2 = compute(m2);
    assert.equal(r2.target.needed.stages[0].count, '267'); // ceil(80 / 0.3) = ceil(266.67)
    assert.equal(r2.target.needed.top, '10680'); // 267 / 0.025
  });

  test('gap is never negative; attainment can pass 1', () => {
    const m = example();
    m.target = '500000';
    const r = compute(m);
    assert.equal(r.target.gap, '0');
    assert.equal(r.target.attainment, '1.5');
    assert.equal(r.target.dealsNeeded, '40');
  });

  test('a zero rate: zero deals and revenue; needed counts above it are null', () => {
    const m = example();
    m.funnel.stages[1].rate = '0';
    const r = compute(m);
    assert.equal(r.funnel.deals, '0');
    assert.equal(r.funnel.revenue, '0');
    assert.equal(r.funnel.conversion, '0');
    assert.equal(r.target.attainment, '0');
    assert.equal(r.target.gap, '1000000');
    assert.equal(r.target.dealsNeeded, '80');
    assert.equal(r.target.needed.stages[1].count, '80');
    assert.strictEqual(r.target.needed.stages[0].count, null); // 80 / 0
    assert.strictEqual(r.target.needed.top, null);

    const m2 = example();
    m2.funnel.stages[0].rate = '0';
    const r2 = compute(m2);
    assert.equal(r2.target.needed.stages[1].count, '80');
    assert.equal(r2.target.needed.stages[0].count, '400');
    assert.strictEqual(r2.target.needed.top, null); // 400 / 0
  });

  test('dealSize 0: dealsNeeded null, and so every needed count', () => {
    const m = example();
    m.funnel.dealSize = '0';
    const r = compute(m);
    assert.equal(r.funnel.revenue, '0');
    assert.strictEqual(r.target.dealsNeeded, null);
    assert.strictEqual(r.target.needed.top, null);
    for (const s of r.target.needed.stages) assert.strictEqual(s.count, null);
  });

  test('top 0 is valid', () => {
    const r = compute(funnelOnly('0'));
    assert.equal(r.funnel.revenue, '0');
    assert.equal(r.funnel.deals, '0');
  });

  test('clv with annualChurn: lifespan = 1 / annualChurn; defaults purchaseValue = dealSize, purchasesPerYear = 1, grossMargin = 1', () => {
    const m = funnelOnly();
    m.acquisitionCost = '90000';
    m.customer = { annualChurn: '0.25' };
    const r = compute(m);
    assert.equal(r.economics.cac, '1500');
    assert.equal(r.economics.clv, '50000'); // 12500 x 1 x 4 x 1
    assert.match(r.economics.ltvToCac, /^33\.33333333333333333333333333\d?$/);
    assert.equal(r.economics.paybackMonths, '1.44'); // 1500 x 12 / 12500
  });

  test('clv with every customer field', () => {
    const m = funnelOnly();
    m.customer = { purchaseValue: '200', purchasesPerYear: '6', lifespanYears: '2.5', grossMargin: '0.4' };
    assert.equal(compute(m).economics.clv, '1200'); // 200 x 6 x 2.5 x 0.4
  });

  test('annualChurn 1 means a lifespan of one year', () => {
    const m = funnelOnly();
    m.customer = { purchaseValue: '100', annualChurn: '1' };
    assert.equal(compute(m).economics.clv, '100');
  });

  test('retention with nobody new and growth that shrinks', () => {
    const m = funnelOnly();
    m.retention = { start: '100', end: '80', new: '0' };
    m.growth = { previous: '1000', current: '750' };
    const r = compute(m);
    assert.equal(r.retention.rate, '0.8');
    assert.equal(r.retention.churn, '0.2');
    assert.equal(r.growth.rate, '-0.25');
  });

  test('growth from a current value of 0 is -1', () => {
    const m = funnelOnly();
    m.growth = { previous: '10', current: '0' };
    assert.equal(compute(m).growth.rate, '-1');
  });
});

describe('compute: null KPIs, absent sections', () => {
  test('cac is null with zero deals, and so are ltvToCac and paybackMonths', () => {
    const m = example();
    m.funnel.stages[0].rate = '0';
    const r = compute(m);
    assert.strictEqual(r.economics.cac, null);
    assert.strictEqual(r.economics.ltvToCac, null);
    assert.strictEqual(r.economics.paybackMonths, null);
    assert.equal(r.economics.clv, '30000');
  });

  test('ltvToCac is null when cac is 0', () => {
    const m = example();
    m.acquisitionCost = '0';
    const r = compute(m);
    assert.equal(r.economics.cac, '0');
    assert.strictEqual(r.economics.ltvToCac, null);
    assert.equal(r.economics.paybackMonths, '0');
  });

  test('no customer: clv, ltvToCac are null; no acquisitionCost: cac, ltvToCac, paybackMonths are null', () => {
    const a = funnelOnly();
    a.acquisitionCost = '90000';
    const ra = compute(a);
    assert.equal(ra.economics.cac, '1500');
    assert.strictEqual(ra.economics.clv, null);
    assert.strictEqual(ra.economics.ltvToCac, null);
    assert.ok(ra.economics.paybackMonths === null || PLAIN.test(ra.economics.paybackMonths));

    const c = funnelOnly();
    c.customer = { lifespanYears: '4', grossMargin: '0.6' };
    const rc = compute(c);
    assert.strictEqual(rc.economics.cac, null);
    assert.equal(rc.economics.clv, '30000');
    assert.strictEqual(rc.economics.ltvToCac, null);
    assert.strictEqual(rc.economics.paybackMonths, null);
  });

  test('grossMargin 0: paybackMonths is null (divisor 0), clv is 0', () => {
    const m = example();
    m.customer.grossMargin = '0';
    const r = compute(m);
    assert.equal(r.economics.clv, '0');
    assert.strictEqual(r.economics.paybackMonths, null);
    assert.equal(r.economics.ltvToCac, '0');
  });

  test('only the funnel: only the funnel section', () => {
    const r = compute(funnelOnly());
    assert.deepEqual(Object.keys(r), ['funnel']);
    for (const k of ['target', 'velocity', 'economics', 'retention', 'growth']) assert.ok(!(k in r), `${k} should be absent`);
  });

  test('each section appears only with its inputs', () => {
    const cases = [
      ['target', { target: '1' }],
      ['velocity', { cycleDays: '30' }],
      ['economics', { acquisitionCost: '10' }],
      ['economics', { customer: { lifespanYears: '1' } }],
      ['retention', { retention: { start: '10', end: '10', new: '1' } }],
      ['growth', { growth: { previous: '1', current: '2' } }],
    ];
    for (const [section, extra] of cases) {
      const r = compute({ ...funnelOnly(), ...extra });
      assert.deepEqual(Object.keys(r).sort(), ['funnel', section].sort(), `with ${JSON.stringify(extra)}`);
    }
  });

  test('an optional field given as null is the same as an absent one', () => {
    const withNulls = {
      ...funnelOnly(),
      target: null,
      cycleDays: null,
      acquisitionCost: null,
      customer: null,
      retention: null,
      growth: null,
    };
    assert.deepEqual(compute(withNulls), compute(funnelOnly()));

    const m = example();
    m.customer = { purchaseValue: null, purchasesPerYear: null, lifespanYears: null, annualChurn: '0.25', grossMargin: null };
    const plain = example();
    plain.customer = { annualChurn: '0.25' };
    assert.deepEqual(compute(m), compute(plain));
  });
});

describe('compute: number formats accepted', () => {
  test('finite JS numbers are the same as their strings', () => {
    const m = {
      funnel: { top: 12000, stages: [{ name: 'meetings', rate: 0.025 }, { name: 'deals', rate: 0.2 }], dealSize: 12500 },
      target: 1000000,
      cycleDays: 45,
      acquisitionCost: 90000,
      customer: { purchaseValue: 12500, purchasesPerYear: 1, lifespanYears: 4, grossMargin: 0.6 },
      retention: { start: 200, end: 210, new: 30 },
      growth: { previous: 800000, current: 912000 },
    };
    assert.deepEqual(compute(m), compute(example()));
  });

  test('a JS number goes through its shortest round-trip text (0.1 + 0.2)', () => {
    const r = compute(funnelOnly('1000', [0.1 + 0.2], '1'));
    assert.equal(r.funnel.stages[0].rate, '0.30000000000000004');
    assert.equal(r.funnel.deals, '300.00000000000004');
  });

  test('a large JS number whose text has an exponent (1e21)', () => {
    const r = compute(funnelOnly(1e21, ['1'], '1'));
    assert.equal(r.funnel.revenue, '1000000000000000000000');
  });

  test('scientific notation in strings', () => {
    assert.equal(compute(funnelOnly('1.5e3', ['0.1'], '2')).funnel.revenue, '300');
    assert.equal(compute(funnelOnly('12000', ['2.5e-2', '0.2'], '12500')).funnel.revenue, '750000');
  });

  test('outputs drop trailing zeros', () => {
    const r = compute(funnelOnly('12000.000', ['0.0250', '0.20'], '12500.00'));
    assert.equal(r.funnel.revenue, '750000');
    assert.equal(r.funnel.stages[0].rate, '0.025');
    assert.equal(r.funnel.stages[0].count, '300');
    assertPlainDecimals(r);
  });

  test('negative numbers parse, and are then range errors, not format errors, where the range forbids them', () => {
    throwsAt(() => compute(funnelOnly('-3.5')), '/funnel/top');
    throwsAt(() => compute(funnelOnly(-1)), '/funnel/top');
  });

  test('stage names of 1 and 40 characters (non-ASCII counts as characters)', () => {
    const m = funnelOnly();
    m.funnel.stages[0].name = 'x';
    m.funnel.stages[1].name = 'é'.repeat(40);
    const r = compute(m);
    assert.equal(r.funnel.stages[1].name, 'é'.repeat(40));
    assert.equal(r.funnel.stages[0].name, 'x');
  });
});

describe('compute: errors', () => {
  const BAD_NUMBERS = [
    ['empty string', ''],
    ['leading space', ' 1'],
    ['trailing space', '1 '],
    ['decimal comma', '12,5'],
    ['NaN text', 'NaN'],
    ['Infinity text', 'Infinity'],
    ['-Infinity text', '-Infinity'],
    ['words', 'twelve'],
    ['hex', '0x10'],
    ['true', true],
    ['false', false],
    ['null (required)', null],
    ['array', ['1']],
    ['empty array', []],
    ['object', { value: '1' }],
    ['65 characters', `1.${'0'.repeat(63)}`],
    ['out of range', '1e30'],
    ['just past the largest decimal', '79228162514264337593543950336'],
    ['JS NaN', Number.NaN],
    ['JS Infinity', Number.POSITIVE_INFINITY],
    ['JS -Infinity', Number.NEGATIVE_INFINITY],
    ['huge JS number', 1e300],
  ];
  for (const [label, bad] of BAD_NUMBERS) {
    test(`rejects ${label} with the pointer of the field`, () => {
      throwsAt(() => compute(funnelOnly(bad)), '/funnel/top');
      const m = example();
      m.funnel.stages[1].rate = bad;
      throwsAt(() => compute(m), '/funnel/stages/1/rate');
      if (bad !== null) {
        // (grossMargin is optional: null there means absent)
        const c = example();
        c.customer.grossMargin = bad;
        throwsAt(() => compute(c), '/customer/grossMargin');
      }
    });
  }

  test('a 65-character string is rejected even when it is a plain number', () => {
    throwsAt(() => compute(funnelOnly(`12000.${'0'.repeat(59)}`)), '/funnel/top'); // 65 chars
  });

  test('rate out of [0, 1] (the contract example)', () => {
    const m = example();
    m.funnel.stages[1].rate = '1.5';
    const msg = throwsAt(() => compute(m), '/funnel/stages/1/rate');
    assert.match(msg, /1\.5/, 'the message should show the value given');
    m.funnel.stages[1].rate = '-0.1';
    throwsAt(() => compute(m), '/funnel/stages/1/rate');
    m.funnel.stages[1].rate = '1';
    assert.equal(compute(m).funnel.deals, '300');
  });

  test('unknown fields are errors, at every level', () => {
    const m = example();
    m.funnel.dealsize = '12500';
    throwsAt(() => compute(m), '/funnel/dealsize', 'unknown field');
    const cases = [
      [(x) => (x.targets = '1'), '/targets'],
      [(x) => (x.funnel.stages[0].nam = 'x'), '/funnel/stages/0/nam'],
      [(x) => (x.customer.churn = '0.1'), '/customer/churn'],
      [(x) => (x.retention.lost = '1'), '/retention/lost'],
      [(x) => (x.growth.next = '1'), '/growth/next'],
    ];
    for (const [mutate, pointer] of cases) {
      const x = example();
      mutate(x);
      throwsAt(() => compute(x), pointer, 'unknown field');
    }
  });

  test('JSON Pointer escaping of odd field names (~ and /)', () => {
    const m = example();
    m.funnel['a/b~c'] = '1';
    throwsAt(() => compute(m), '/funnel/a~1b~0c', 'unknown field');
  });

  test('required fields', () => {
    const m = example();
    delete m.funnel.top;
    throwsAt(() => compute(m), '/funnel/top', 'required');
    const n = example();
    n.funnel.top = null;
    throwsAt(() => compute(n), '/funnel/top');
    const d = example();
    delete d.funnel.dealSize;
    throwsAt(() => compute(d), '/funnel/dealSize', 'required');
    const s = example();
    delete s.funnel.stages;
    throwsAt(() => compute(s), '/funnel/stages', 'required');
    const r = example();
    delete r.funnel.stages[1].rate;
    throwsAt(() => compute(r), '/funnel/stages/1/rate', 'required');
    const nm = example();
    delete nm.funnel.stages[0].name;
    throwsAt(() => compute(nm), '/funnel/stages/0/name', 'required');
    const f = example();
    delete f.funnel;
    throwsAt(() => compute(f), '/funnel', 'required');
    const ret = example();
    delete ret.retention.end;
    throwsAt(() => compute(ret), '/retention/end', 'required');
  });

  test('customer: lifespanYears or annualChurn, not both', () => {
    const m = example();
    m.customer.annualChurn = '0.25';
    const msg = throwsAt(() => compute(m), '/customer');
    assert.match(msg, /lifespanYears/);
    assert.match(msg, /annualChurn/);
  });

  test('1 to 12 stages', () => {
    throwsAt(() => compute(funnelOnly('1', [], '1')), '/funnel/stages');
    throwsAt(() => compute(funnelOnly('1', Array(13).fill('0.5'), '1')), '/funnel/stages');
    assert.equal(compute(funnelOnly('1', Array(12).fill('1'), '1')).funnel.revenue, '1');
  });

  test('stage names: 1 to 40 characters of text', () => {
    const cases = [['', '/funnel/stages/0/name'], ['x'.repeat(41), '/funnel/stages/0/name'], [42, '/funnel/stages/0/name'], [null, '/funnel/stages/0/name']];
    for (const [name, pointer] of cases) {
      const m = example();
      m.funnel.stages[0].name = name;
      throwsAt(() => compute(m), pointer);
    }
  });

  test('ranges of every field', () => {
    const cases = [
      [(m) => (m.funnel.dealSize = '-1'), '/funnel/dealSize'],
      [(m) => (m.acquisitionCost = '-1'), '/acquisitionCost'],
      [(m) => (m.target = '0'), '/target'],
      [(m) => (m.cycleDays = '0'), '/cycleDays'],
      [(m) => (m.customer.purchaseValue = '0'), '/customer/purchaseValue'],
      [(m) => (m.customer.purchasesPerYear = '0'), '/customer/purchasesPerYear'],
      [(m) => (m.customer.lifespanYears = '0'), '/customer/lifespanYears'],
      [(m) => (m.customer.grossMargin = '1.01'), '/customer/grossMargin'],
      [(m) => (m.customer.grossMargin = '-0.01'), '/customer/grossMargin'],
      [(m) => ((m.customer = { annualChurn: '0' }), m), '/customer/annualChurn'],
      [(m) => ((m.customer = { annualChurn: '1.1' }), m), '/customer/annualChurn'],
      [(m) => (m.retention.start = '0'), '/retention/start'],
      [(m) => (m.retention.end = '-1'), '/retention/end'],
      [(m) => (m.retention.new = '-1'), '/retention/new'],
      [(m) => (m.growth.previous = '0'), '/growth/previous'],
      [(m) => (m.growth.current = '-1'), '/growth/current'],
    ];
    for (const [mutate, pointer] of cases) {
      const m = example();
      mutate(m);
      throwsAt(() => compute(m), pointer);
    }
    // new <= end relates two fields; either may carry the blame.
    const r = example();
    r.retention.new = '211';
    const msg = throwsUnder(() => compute(r), '/retention/');
    assert.match(msg, /^\/retention\/(new|end): /);
  });

  test('wrong shapes', () => {
    throwsAt(() => compute({ funnel: 'x' }), '/funnel');
    throwsAt(() => compute({ ...funnelOnly(), customer: '4' }), '/customer');
    const m = example();
    m.funnel.stages = { name: 'a', rate: '1' };
    throwsAt(() => compute(m), '/funnel/stages');
    const n = example();
    n.funnel.stages[0] = '0.5';
    throwsAt(() => compute(n), '/funnel/stages/0');
  });

  test('a model that is not an object is an Error, not a panic', () => {
    for (const bad of [null, undefined, 42, 'model', [], true]) {
      assert.throws(
        () => compute(bad),
        (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && typeof e.message === 'string',
        `compute(${JSON.stringify(bad)})`,
      );
    }
  });

  test('a result that overflows the decimal range is an error at the result pointer', () => {
    throwsAt(() => compute(funnelOnly('79228162514264337593543950335', ['1'], '2')), '/funnel/revenue');
  });

  test('hostile input: a value nested 100000 arrays deep', () => {
    let deep = '1';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    throwsClean(() => compute(funnelOnly(deep)), ['/funnel/top', ': ']);
  });

  test('hostile input: a value nested 20 arrays deep', () => {
    let deep = '1';
    for (let i = 0; i < 20; i++) deep = [deep];
    throwsClean(() => compute(funnelOnly(deep)), ['/funnel/top', ': ']);
  });

  test('hostile input: 100000 stages', () => {
    const many = funnelOnly();
    many.funnel.stages = Array.from({ length: 100_000 }, (_, i) => ({ name: `s${i}`, rate: '0.5' }));
    throwsClean(() => compute(many), ['/funnel/stages', ': ']);
  });

  test('hostile input: megabyte strings', () => {
    throwsClean(() => compute(funnelOnly('1'.repeat(1_000_000))), ['/funnel/top: ', ': ']);
    throwsClean(() => compute(funnelOnly('1'.repeat(20_000))), ['/funnel/top: ', ': ']);
    const named = example();
    named.funnel.stages[0].name = 'n'.repeat(1_000_000);
    throwsClean(() => compute(named), ['/funnel/stages/0/name: ', ': ']);
  });

  test('hostile input: a __proto__ key is an unknown field', () => {
    const proto = JSON.parse('{"funnel":{"top":"1","stages":[{"name":"a","rate":"1"}],"dealSize":"1","__proto__":{"x":1}}}');
    throwsAt(() => compute(proto), '/funnel/__proto__', 'unknown field');
  });

  test('hostile input: a getter that throws is an Error, and the module keeps working', () => {
    const m = example();
    Object.defineProperty(m.funnel, 'top', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    assert.throws(() => compute(m), (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError));
    assert.equal(compute(example()).funnel.revenue, '750000');
  });
});

describe('compute: resilience', () => {
  test('after 1000 errors the module still answers correctly, without leaking memory', () => {
    const good = compute(example());
    const badModels = [
      () => funnelOnly(''),
      () => funnelOnly('NaN'),
      () => ({ funnel: null }),
      () => null,
      () => ({ ...example(), typo: 1 }),
      () => funnelOnly('1', Array(13).fill('0.5')),
      () => funnelOnly('79228162514264337593543950335', ['1'], '2'),
    ];
    // warm up allocator so that growth below reflects leaks, not first use
    for (let i = 0; i < 100; i++) assert.throws(() => compute(badModels[i % badModels.length]()));
    const before = wasmExports.memory.buffer.byteLength;
    for (let i = 0; i < 1000; i++) {
      assert.throws(() => compute(badModels[i % badModels.length]()), Error);
    }
    assert.deepEqual(compute(example()), good);
    const grown = wasmExports.memory.buffer.byteLength - before;
    assert.ok(grown <= 1 << 20, `wasm memory grew by ${grown} bytes over 1000 errors`);
  });

  test('many computes do not grow memory', () => {
    compute(example());
    const before = wasmExports.memory.buffer.byteLength;
    for (let i = 0; i < 5000; i++) compute(example());
    const grown = wasmExports.memory.buffer.byteLength - before;
    assert.ok(grown <= 1 << 20, `wasm memory grew by ${grown} bytes over 5000 computes`);
  });
});
