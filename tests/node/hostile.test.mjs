// Hostile and odd inputs against the BUILT package (www/pkg), from docs/contract.md.
//
// A deterministic, seeded generator mutates the contract's example arguments of all seven
// functions with wrong types, huge and tiny numbers, 64/65-character numbers, deep nesting,
// own `__proto__` and `constructor` keys, absurd sample counts, odd JSON Pointers, cyclic
// objects, BigInt, Symbol, functions, NaN/Infinity, sparse arrays, getters that throw,
// proxies, re-entrant toJSON and huge strings. Every call must return a contract-valid result
// (every number a plain decimal string) or throw an `Error` whose message begins with a JSON
// Pointer ("/..." or ": " for the whole input). Afterwards nothing has polluted the built-in
// prototypes, no argument was modified, the module still answers the contract example, and
// its memory is bounded and does not grow over a second identical batch.
//
// HOSTILE_SEED and HOSTILE_CALLS (per function and batch) change the run; the defaults are fixed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { example, exampleProgressOptions } from './example.mjs';

const PKG = new URL('../../www/pkg/', import.meta.url);
const engine = await import(new URL('sales_kpi.js', PKG).href);
const wasm = engine.initSync({ module: readFileSync(new URL('sales_kpi_bg.wasm', PKG)) });
const { compute, whatIf, solve, sensitivity, simulate, plan, progress } = engine;

const SEED = Number(process.env.HOSTILE_SEED ?? 20240606);
const CALLS_PER_FUNCTION = Number(process.env.HOSTILE_CALLS ?? 4200); // x 7 functions x 2 batches
const MEMORY_LIMIT = 64 << 20;

const PLAIN = /^-?\d+(\.\d*[1-9])?$/;
/** Report fields that may be null (contract: undefined KPIs, counts above a zero rate). */
const NULLABLE = new Set(['dealsNeeded', 'top', 'count', 'cac', 'clv', 'ltvToCac', 'paybackMonths', 'deals', 'repsNeeded',
  // progress: figures from missing inputs, and those with nothing left to divide by.
  'revenue', 'stages', 'attainment', 'pace', 'projected', 'onTrack', 'perWorkday', 'perRep', 'observed', 'ratio', 'weakest',
  'coverage', 'dealsToClose', 'chance']);
/** Report fields that hold true or false (progress's onTrack). */
const FLAGS = new Set(['onTrack']);
/** Report fields that hold text, not numbers. */
const TEXT = new Set(['name', 'lever']);
/** plan's labels and dates: ISO text of a fixed shape. */
const LABELS = { month: /^\d{4}-\d{2}$/, week: /^\d{4}-W\d{2}$/, start: /^\d{4}-\d{2}-\d{2}$/, from: /^\d{4}-\d{2}-\d{2}$/, to: /^\d{4}-\d{2}-\d{2}$/ };

// ── The contract's second arguments (the model is ./example.mjs), fresh each time ──────────
const SECOND = {
  compute: () => undefined,
  whatIf: () => [
    { lever: '/funnel/dealSize', by: '0.1' },
    { lever: '/funnel/stages/1/rate', add: '0.01' },
    { lever: '/funnel/top', to: '20000' },
  ],
  solve: () => ({ lever: '/funnel/stages/0/rate', metric: '/funnel/revenue', target: '1000000' }),
  sensitivity: () => ({ metric: '/funnel/revenue', by: '0.1' }),
  simulate: () => ({
    ranges: [
      { lever: '/funnel/dealSize', low: '10000', high: '15000' },
      { lever: '/funnel/stages/0/rate', low: '0.02', high: '0.03', mode: '0.025' },
    ],
    samples: 20,
    seed: 42,
    metric: '/funnel/revenue',
    threshold: '800000',
  }),
  plan: () => ({
    start: '2027-01-01',
    end: '2027-03-31',
    reps: '4',
    capacity: '70',
    workdays: [1, 2, 3, 4, 5],
    holidays: ['2027-01-01', '2027-04-01'],
  }),
  progress: exampleProgressOptions,
};
const FUNCTIONS = { compute, whatIf, solve, sensitivity, simulate, plan, progress };

// ── A small seeded generator (mulberry32) ───────────────────────────────────────────────────
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

const digits = (n, d = '9') => d.repeat(n);
const HUGE_ASCII = 'x'.repeat(1 << 20);
const HUGE_UNICODE = 'é𝄞'.repeat(1 << 17);

/** Odd numbers as text: valid at the edges, invalid just past them, and not numbers at all. */
const NUMBER_TEXTS = [
  '', ' ', ' 1', '1 ', '12,5', '1_000', '+1', '.5', '5.', '1e', '1e+', '--1', '0x10', '0b1', '1/2', '½',
  '١٢٣', '１２', 'NaN', 'nan', 'Infinity', '-Infinity', 'inf', 'null', 'true', '1e999', '1e-999', '-0', '0.0',
  '-0.0', '0e0', '00012', '1.50000', '1E+28', '1e28', '1e29', '1e-28', '1e-29', '79228162514264337593543950335',
  '79228162514264337593543950336', '-79228162514264337593543950335', '0.0000000000000000000000000001',
  '0.00000000000000000000000000001', '0.9999999999999999999999999999', '1.0000000000000000000000000001',
  digits(28), digits(29), digits(30), `0.${digits(28)}`, `0.${digits(29)}`,
  `0.1${'0'.repeat(61)}`, // 64 characters: 0.1
  `0.1${'0'.repeat(62)}`, // 65 characters: too long
  `1${'0'.repeat(63)}`, // 64 characters: out of range
  `0.${'0'.repeat(61)}1`, // 64 characters: 1e-62, out of range
  `1.${'0'.repeat(37)}1`, // 41 characters, 39 digits first to last
  '1e-9223372036854775808', '1e9223372036854775807', '1e18446744073709551616', `1e${digits(60)}`,
  '12\u00a0000', '12000\n', '\u200e12000', '1\u0000', '\ud800', '1e\ud800', '0.025%', '$12500', '12500 EUR',
];
const JS_NUMBERS = [
  0, -0, 1, -1, 0.1 + 0.2, 1e-7, 1e21, 1e28, 1e29, 5e-324, Number.MIN_VALUE, Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER, Number.EPSILON, 2 ** 96, NaN, Infinity, -Infinity, 1.5, 1000000, 1000001,
];
const BIGINTS = [0n, 1n, -1n, 10n ** 28n, 10n ** 29n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 96n, -(2n ** 96n)];
const POINTERS = [
  '', '/', '//', '#', '#/funnel/top', '/~', '/~0', '/~1', '/~2', '/funnel/stages/-1/rate', '/funnel/stages/01/rate',
  '/funnel/stages/12/rate', '/funnel/stages/1e0/rate', '/funnel/stages/0x1/rate', '/funnel/stages/ 0/rate',
  '/funnel/stages/99999999999999999999/rate', '/funnel//top', '/funnel/top/', '/FUNNEL/TOP', 'funnel/top',
  '/funnel', '/funnel/stages', '/funnel/stages/0', '/funnel/stages/0/name', '/funnel/stages/0/count',
  '/funnel/revenue', '/funnel/revenue/', '/target/needed/stages/1/count', '/target/needed/stages/2/count',
  '/economics/ltvToCac', '/retention/churn', '/growth/rate', '/velocity/perDay', '/target/attainment',
  '/__proto__', '/constructor/prototype', '/funnel/top: must be between 0 and 1', 'abc', '\u0000', '/\ud800',
  `/${'a'.repeat(5000)}`, '/funnel/top', '/funnel/dealSize', '/funnel/stages/0/rate', '/target', '/cycleDays',
  '/acquisitionCost', '/customer/lifespanYears', '/customer/grossMargin', '/retention/end', '/retention/new',
  '/growth/current',
];
const KEYS = [
  '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', '', ' ', 'dealsize',
  'Top', 'top ', 'funnel', 'target', 'rate', 'name', 'lever', 'by', 'add', 'to', 'samples', 'ranges', 'annualChurn',
  'lifespanYears', '\u0000', '\ud800', 'a'.repeat(1000), '0', '-1', 'length',
];
const NAMES = [
  '', ' ', 'a', 'x'.repeat(40), 'x'.repeat(41), '𝄞'.repeat(40), '𝄞'.repeat(41), 'é'.repeat(40), 'e\u0301'.repeat(20),
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '__proto__', '\u0000', '\ud800', '\u202e', 'a\nb',
];

/** Valid but unusual numbers, so that a share of the calls get through to the arithmetic. */
const VALID_NUMBERS = [
  '0', '1', '0.5', '0.1', '0.9', '2', '100', '0.0000000000000000000000000001', '0.9999999999999999999999999999',
  '79228162514264337593543950335', '7922816251426433759354395033.5', '1e-28', '1E+27', '1.50000', '-0', 0, 1, 0.5,
  1e-7, 1e21, 12000n, 0.1 + 0.2, 1 / 3, null,
];

/** Makes a cyclic object. */
function cyclic() {
  const a = { funnel: {} };
  a.funnel.self = a;
  return a;
}
/** An object with an own, enumerable `__proto__` key, as JSON.parse makes it. */
const ownProto = (inner) => JSON.parse(`{"__proto__": ${JSON.stringify(inner)}}`);

/** Hostile values of every kind; each call makes a fresh one. */
function hostileValue(r, depth = 0) {
  switch (r.int(16)) {
    case 0:
    case 1:
    case 2:
      return r.pick(NUMBER_TEXTS);
    case 3:
    case 4:
      return r.pick(JS_NUMBERS);
    case 5:
      return r.pick(BIGINTS);
    case 6:
      return r.pick([true, false, null, undefined, Symbol('s'), () => 1, function named() {}, class {}]);
    case 7:
      return r.pick([[], {}, [1], ['1'], [[]], { a: 1 }, Object.create(null), new Date(0), /x/g, new Map([[1, 2]]), new Set([1])]);
    case 8:
      return r.pick([new Uint8Array(4), new ArrayBuffer(8), new Number(5), new String('12'), new Boolean(false), Object('1')]);
    case 9:
      return r.pick(POINTERS);
    case 10:
      return r.pick(NAMES);
    case 11:
      return r.chance(0.25) ? r.pick([HUGE_ASCII, HUGE_UNICODE]) : r.pick(['y'.repeat(16 * 1024), 'y'.repeat(16 * 1024 + 1), 'y'.repeat(100000)]);
    case 12: {
      // Deep nesting around a valid-looking value.
      let v = r.pick(['1', 1, {}, []]);
      const levels = r.pick([5, 15, 16, 17, 18, 64, 1000, 100000]);
      for (let i = 0; i < levels; i++) v = r.chance(0.5) ? [v] : { a: v };
      return v;
    }
    case 13:
      return r.pick([
        cyclic(),
        ownProto({ polluted: true }),
        ownProto('x'),
        { constructor: { prototype: { polluted: true } } },
        JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
        (() => {
          const sparse = [];
          sparse[5] = { name: 'a', rate: '0.5' };
          return sparse;
        })(),
        new Array(20),
        Array.from({ length: 13 }, (_, i) => ({ name: `s${i}`, rate: '0.5' })),
        Array.from({ length: 40 }, () => ({ lever: '/funnel/top', low: '1', high: '2' })),
      ]);
    case 14:
      return r.pick([
        { get x() { throw new Error('getter'); } },
        Object.defineProperty({}, 'funnel', { enumerable: true, get() { throw new TypeError('nope'); } }),
        { toJSON() { throw new Error('toJSON'); } },
        { toJSON() { return '12000'; } },
        { toJSON: () => ({ toJSON: () => 1 }) },
        { toJSON() { throw Symbol('thrown symbol'); } },
        new Proxy({}, { ownKeys() { throw new Error('ownKeys'); } }),
        new Proxy({ a: 1 }, { get() { return '1'; } }),
        new Proxy([], { get(t, k) { return k === 'length' ? 20000 : undefined; } }),
        // Re-entrancy: the engine is called again while it reads this argument.
        { toJSON() { return compute(example()).funnel.revenue; } },
      ]);
    default: {
      if (depth > 2) return null;
      const obj = {};
      const n = r.int(4);
      for (let i = 0; i < n; i++) {
        try {
          obj[r.pick(KEYS)] = hostileValue(r, depth + 1);
        } catch {
          // `__proto__` set to a function first makes `length` read-only: keep the object as is.
        }
      }
      return obj;
    }
  }
}

/** Plain data nodes of a value: [parent, key] pairs, for mutation. */
function slots(value, out = [], depth = 0) {
  if (value === null || typeof value !== 'object' || depth > 6) return out;
  try {
    for (const key of Object.keys(value)) {
      out.push([value, key]);
      slots(value[key], out, depth + 1);
    }
  } catch {
    // A proxy or a getter that throws: its insides are not mutated.
  }
  return out;
}

/** Mutates one place of `value` (a fresh plain copy of an example); returns the new root. */
function mutate(r, value) {
  const places = slots(value);
  if (places.length === 0 || r.chance(0.06)) return hostileValue(r);
  const [parent, key] = r.pick(places);
  try {
    change(r, parent, key);
  } catch {
    // Some exotic objects refuse the change (an array's length, a proxy): keep them as they are.
  }
  return value;
}

function change(r, parent, key) {
  switch (r.int(10)) {
    case 0:
      delete parent[key];
      break;
    case 1:
      // An own key that JSON.stringify writes out, even `__proto__`.
      Object.defineProperty(parent, r.pick(KEYS), { value: hostileValue(r), enumerable: true, configurable: true, writable: true });
      break;
    case 2:
      if (Array.isArray(parent[key])) {
        const list = parent[key];
        const op = r.int(3);
        if (op === 0) list.length = r.pick([0, 13, 33, 100]);
        else if (op === 1) list.push(...Array.from({ length: r.pick([1, 11, 31, 40]) }, () => structuredClone(list[0] ?? {})));
        else list.reverse();
        break;
      }
    // falls through
    case 3:
    case 4:
    case 5:
      // A valid but unusual number where there was one: reaches the arithmetic.
      parent[key] = r.pick(VALID_NUMBERS);
      break;
    default:
      parent[key] = hostileValue(r);
  }
}

// ── Contract checks ─────────────────────────────────────────────────────────────────────────
function checkResult(value, path = '') {
  if (value === null) {
    const key = path.split('/').pop();
    assert.ok(NULLABLE.has(key), `${path} is null, which the contract does not allow there`);
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => checkResult(v, `${path}/${i}`));
  if (typeof value === 'object') {
    assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path} is not a plain object`);
    for (const [k, v] of Object.entries(value)) {
      if (k in LABELS) {
        assert.match(v, LABELS[k], `${path}/${k} = ${String(v)}`);
      } else if (FLAGS.has(k) && v !== null) {
        assert.equal(typeof v, 'boolean', `${path}/${k} is not true or false`);
      } else if (TEXT.has(k)) {
        assert.equal(typeof v, 'string', `${path}/${k} is not text`);
        if (k === 'name') assert.ok([...v].length >= 1 && [...v].length <= 40, `${path}/name has ${[...v].length} characters`);
      } else {
        checkResult(v, `${path}/${k}`);
      }
    }
    return;
  }
  assert.equal(typeof value, 'string', `${path} is a ${typeof value} (${String(value)}), not a decimal string`);
  assert.match(value, PLAIN, `${path} = "${value}" is not in plain decimal notation`);
  assert.notEqual(value, '-0', `${path} is "-0"`);
}

/** Checks a thrown value: an Error (not a trap) whose message begins with a JSON Pointer and
 * ": ", short enough to show. Returns 'root' for ": …" (about the whole argument) or 'field'. */
function checkError(e, what) {
  assert.ok(e instanceof Error, `${what}: threw ${typeof e} ${String(e)}, not an Error`);
  assert.ok(!(e instanceof WebAssembly.RuntimeError), `${what}: the engine trapped: ${e.message}`);
  const message = e.message;
  assert.equal(typeof message, 'string');
  assert.ok(message.length < 40000, `${what}: a ${message.length}-character message`);
  assert.ok(
    message.startsWith('/') || message.startsWith(': '),
    `${what}: message does not begin with a JSON Pointer: ${JSON.stringify(message.slice(0, 300))}`,
  );
  assert.ok(message.includes(': '), `${what}: no ": " after the pointer: ${message.slice(0, 200)}`);
  const pointer = message.slice(0, message.indexOf(': '));
  assert.ok(!/~(?![01])/.test(pointer), `${what}: "${pointer.slice(0, 200)}" is not a valid JSON Pointer (a ~ must be ~0 or ~1)`);
  return pointer === '' ? 'root' : 'field';
}

/** JSON text of a value, or undefined when it cannot be written (to see whether a call changed it). */
function snapshot(value) {
  try {
    return JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  } catch {
    return undefined;
  }
}

const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
function prototypeState() {
  const state = {};
  for (const [name, proto] of Object.entries(PROTOTYPES)) {
    state[name] = Reflect.ownKeys(proto).map(String).sort().join(',');
  }
  return state;
}

/** One batch: every function, `n` generated calls each. Returns counts. */
function batch(seed, n) {
  const r = rng(seed);
  const stats = { calls: 0, results: 0, fieldErrors: 0, rootErrors: 0 };
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    for (let i = 0; i < n; i++) {
      let model = example();
      let second = SECOND[name]();
      // Mutate the model, the second argument, or both, once or twice.
      const rounds = 1 + r.int(2);
      for (let k = 0; k < rounds; k++) {
        if (name === 'compute' || r.chance(0.45)) model = mutate(r, model);
        else second = mutate(r, second ?? {});
      }
      // Keep simulations small: only the contract's own edge cases of `samples` reach 10,000.
      if (name === 'simulate' && second && typeof second === 'object' && r.chance(0.9)) {
        try {
          if (!('samples' in second)) second.samples = 3;
        } catch {
          // A proxy or exotic object: leave it.
        }
      }
      const before = [snapshot(model), snapshot(second)];
      const what = `${name} #${i} (seed ${seed})`;
      stats.calls++;
      let answer;
      try {
        answer = name === 'compute' ? fn(model) : fn(model, second);
      } catch (e) {
        if (checkError(e, what) === 'root') stats.rootErrors++;
        else stats.fieldErrors++;
        continue;
      } finally {
        const after = [snapshot(model), snapshot(second)];
        assert.deepEqual(after, before, `${what}: the call changed its arguments`);
      }
      stats.results++;
      checkResult(answer, `${what} → `);
    }
  }
  return stats;
}

/** Asserts that `call` throws an Error (not a trap) whose message matches `pattern`. */
function throwsMatching(call, pattern) {
  let caught;
  try {
    call();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error && !(caught instanceof WebAssembly.RuntimeError), `expected an Error, got ${String(caught)}`);
  assert.match(caught.message, pattern);
}

function answersTheExample() {
  assert.equal(compute(example()).funnel.revenue, '750000');
  assert.equal(whatIf(example(), [{ lever: '/funnel/dealSize', by: '0.1' }]).scenario.funnel.revenue, '825000');
  assert.equal(solve(example(), { lever: '/funnel/dealSize', metric: '/funnel/revenue', target: '1000000' }).value, '16666.666666666666666666666667');
  assert.equal(sensitivity(example())[0].lever, '/funnel/dealSize');
  const options = { ranges: [{ lever: '/funnel/dealSize', low: '10000', high: '15000' }], samples: 100, seed: 7 };
  assert.deepEqual(simulate(example(), options), simulate(example(), options));
  assert.equal(plan(example(), { start: '2027-01-01', end: '2027-03-31', holidays: ['2027-01-01'] }).perWorkday.top, '254');
  assert.equal(progress(example(), SECOND.progress()).actual.revenue, '62500');
}

// ── The tests ───────────────────────────────────────────────────────────────────────────────
test(`${7 * CALLS_PER_FUNCTION * 2} hostile calls: contract-valid answers or pointer errors, no pollution, bounded memory`, () => {
  const prototypes = prototypeState();
  const started = performance.now();
  const first = batch(SEED, CALLS_PER_FUNCTION);
  const memoryAfterFirst = wasm.memory.buffer.byteLength;
  assert.deepEqual(prototypeState(), prototypes, 'a built-in prototype changed');
  assert.equal({}.polluted, undefined, 'Object.prototype was polluted');
  assert.equal([].polluted, undefined, 'Array.prototype was polluted');
  answersTheExample();

  const second = batch(SEED, CALLS_PER_FUNCTION);
  const memoryAfterSecond = wasm.memory.buffer.byteLength;
  assert.deepEqual(prototypeState(), prototypes, 'a built-in prototype changed');
  assert.equal({}.polluted, undefined, 'Object.prototype was polluted');
  answersTheExample();

  assert.deepEqual(second, first, 'the same inputs gave different outcomes the second time');
  assert.ok(memoryAfterFirst < MEMORY_LIMIT, `wasm memory is ${memoryAfterFirst} bytes after ${first.calls} hostile calls`);
  assert.equal(memoryAfterSecond, memoryAfterFirst, 'wasm memory grew over a second identical batch');
  assert.ok(first.results > 0.05 * first.calls, `only ${first.results} of ${first.calls} calls answered: the generator is too hostile to reach the arithmetic`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `# hostile: ${first.calls + second.calls} calls in ${seconds}s: ${first.results} answers, ` +
      `${first.fieldErrors} errors at a field and ${first.rootErrors} about a whole argument per batch; ` +
      `memory ${(memoryAfterSecond / 1048576).toFixed(1)} MB`,
  );
});

test('own __proto__ and constructor keys are refused at their pointer and pollute nothing', () => {
  const prototypes = prototypeState();
  const cases = [
    [() => compute(JSON.parse('{"__proto__": {"polluted": true}, "funnel": {}}')), '/__proto__: '],
    [() => compute({ ...example(), funnel: { ...ownProto({ polluted: true }), ...example().funnel } }), '/funnel/__proto__: '],
    [() => compute(JSON.parse(`{"funnel": {"top": "1", "stages": [{"name": "a", "rate": "1", "__proto__": {"polluted": 1}}], "dealSize": "1"}}`)), '/funnel/stages/0/__proto__: '],
    [() => compute({ ...example(), constructor: { prototype: { polluted: true } } }), '/constructor: '],
    [() => whatIf(example(), JSON.parse('[{"lever": "/funnel/top", "to": "1", "__proto__": {"polluted": 1}}]')), '/0/__proto__: '],
    [() => solve(example(), JSON.parse('{"lever": "/funnel/top", "metric": "/funnel/revenue", "target": "1", "__proto__": {}}')), '/__proto__: '],
    [() => sensitivity(example(), JSON.parse('{"__proto__": {"by": "0.5"}}')), '/__proto__: '],
    [() => simulate(example(), JSON.parse('{"samples": 2, "constructor": {"prototype": {"polluted": 1}}}')), '/constructor: '],
  ];
  for (const [call, prefix] of cases) {
    assert.throws(call, (e) => e instanceof Error && e.message.startsWith(prefix), prefix);
  }
  // A stage named __proto__ is just a name, and comes back as one.
  const named = example();
  named.funnel.stages[0].name = '__proto__';
  const report = compute(named);
  assert.equal(report.funnel.stages[0].name, '__proto__');
  assert.equal(Object.getPrototypeOf(report.funnel.stages[0]), Object.prototype);
  assert.deepEqual(prototypeState(), prototypes);
  assert.equal({}.polluted, undefined);
});

test('odd lever and metric pointers are errors at that pointer, or at the field when they are no pointer', () => {
  const cases = ['/', '//', '/funnel/stages/-1/rate', '/~1', '/~0', '/funnel/stages/12/rate', '/funnel/stages/01/rate', '/funnel//top', '/funnel/top/', '/FUNNEL/TOP', '', 'abc', 'funnel/top', '#/funnel/top', '/~', '/~2', '/funnel/top: must be between 0 and 1', '/a\nb', `/${'a'.repeat(200)}`];
  for (const p of cases) {
    // A pointer names itself; text that is no pointer is reported at the field holding it.
    const pointerShaped = p === '' || (p.startsWith('/') && !/~(?![01])/.test(p) && !p.includes(': ') && !/[\u0000-\u001f]/.test(p) && p.length <= 128);
    const at = (field) => (pointerShaped ? `${p}: ` : `${field}: `);
    const expect = (call, prefix) => {
      let caught;
      try {
        call();
      } catch (e) {
        caught = e;
      }
      assert.ok(caught instanceof Error, `${JSON.stringify(p)}: expected an Error, got ${String(caught)}`);
      assert.ok(caught.message.startsWith(prefix), `${JSON.stringify(p)}: expected "${prefix}…", got ${JSON.stringify(caught.message.slice(0, 120))}`);
    };
    expect(() => whatIf(example(), [{ lever: p, to: '1' }]), at('/0/lever'));
    expect(() => solve(example(), { lever: p, metric: '/funnel/revenue', target: '1' }), at('/lever'));
    expect(() => solve(example(), { lever: '/funnel/top', metric: p, target: '1' }), at('/metric'));
    expect(() => sensitivity(example(), { metric: p }), at('/metric'));
    expect(() => simulate(example(), { samples: 1, ranges: [{ lever: p, low: '1', high: '2' }] }), at('/ranges/0/lever'));
    expect(() => simulate(example(), { samples: 1, metric: p }), at('/metric'));
  }
});

test('number text of 64 characters is read, 65 is refused; BigInt, NaN and Infinity are handled', () => {
  const withTop = (top) => ({ ...example(), funnel: { ...example().funnel, top } });
  const sixtyFour = `0.1${'0'.repeat(61)}`;
  assert.equal(sixtyFour.length, 64);
  assert.equal(compute(withTop(sixtyFour)).funnel.stages[0].count, '0.0025');
  throwsMatching(() => compute(withTop(`${sixtyFour}0`)), /^\/funnel\/top: .*64 characters/);
  throwsMatching(() => compute(withTop(`1${'0'.repeat(63)}`)), /^\/funnel\/top: /);
  assert.equal(compute(withTop(12000n)).funnel.revenue, '750000');
  throwsMatching(() => compute(withTop(10n ** 29n)), /^\/funnel\/top: /);
  for (const odd of [NaN, Infinity, -Infinity]) throwsMatching(() => compute(withTop(odd)), /^\/funnel\/top: /);
  throwsMatching(() => compute(withTop(Symbol('s'))), /^\/funnel\/top: required/);
  throwsMatching(() => compute(withTop(() => 1)), /^\/funnel\/top: required/);
});

test('the 16 KB input limit and the 16-level nesting limit hold exactly at their edges', () => {
  // A valid list of changes whose JSON text is exactly 16384 bytes, then one byte more.
  const base = () => ({ lever: '/funnel/top', by: '0' });
  const changes = [base()];
  while (JSON.stringify([...changes, base()]).length <= 16384 - 2) changes.push(base());
  const pad = 16384 - JSON.stringify(changes).length; // 2..34: "0" becomes "0.000…"
  changes[changes.length - 1].by = `0.${'0'.repeat(pad - 1)}`;
  assert.equal(JSON.stringify(changes).length, 16384);
  assert.equal(whatIf(example(), changes).scenario.funnel.revenue, '750000');
  changes[changes.length - 1].by += '0';
  assert.equal(JSON.stringify(changes).length, 16385);
  throwsMatching(() => whatIf(example(), changes), /^: .*16 KB/);

  const nest = (levels) => {
    let v = 1;
    for (let i = 0; i < levels; i++) v = [v];
    return v;
  };
  throwsMatching(() => compute(nest(16)), /^: must be an object/);
  assert.throws(() => compute(nest(17)), (e) => /nested deeper than 16/.test(e.message) && e.message.startsWith('/'));
  throwsMatching(() => compute(nest(200000)), /^: /);
});

test('absurd sample counts are refused at /samples; the largest allowed count is answered', () => {
  for (const samples of [0, -1, 1.5, 1000001, 2 ** 32, 2 ** 53, 1e300, '1e7', '1000000.5', '-0.5', 'many', true, [], {}]) {
    assert.throws(() => simulate(example(), { samples }), (e) => e instanceof Error && e.message.startsWith('/samples: '), String(samples));
  }
  const started = performance.now();
  const summary = simulate(example(), { ranges: [{ lever: '/funnel/dealSize', low: '10000', high: '15000' }], samples: '1e6', seed: 1 });
  const ms = performance.now() - started;
  assert.equal(summary.samples, '1000000');
  checkResult(summary);
  assert.ok(wasm.memory.buffer.byteLength < MEMORY_LIMIT, `wasm memory is ${wasm.memory.buffer.byteLength} bytes after 1,000,000 samples`);
  console.log(`# simulate: 1,000,000 samples of the example in ${ms.toFixed(0)} ms`);
  answersTheExample();
});

test('plan: absurd windows, holiday lists and cycles are refused at their pointer, quickly', () => {
  const at = (pointer) => (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && e.pointer === pointer && e.message.startsWith(`${pointer}: `);
  const window = { start: '2027-01-01', end: '2027-03-31' };
  for (const end of ['2030-01-02', '9999-12-31', '2026-12-31', '2027-02-29', '+2027-03-31', '2027-03-31 ', '２０２７-03-31', 20270331, 1e300, null, [], {}]) {
    assert.throws(() => plan(example(), { ...window, end }), at('/end'), String(end));
  }
  // 401 holidays are refused as a list before any is read; 400 valid ones are answered.
  assert.throws(() => plan(example(), { ...window, holidays: Array(401).fill({ toJSON: () => 'x' }) }), at('/holidays'));
  const holidays = Array.from({ length: 400 }, (_, i) => `2027-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`);
  checkResult(plan(example(), { ...window, holidays }));
  // A cycle of 10^28 days cannot be subtracted from a date: an error at the result, not a hang.
  const started = performance.now();
  for (const cycleDays of ['1e28', '79228162514264337593543950335', '800000', '0.0000000000000000000000000001']) {
    const model = { ...example(), cycleDays };
    try {
      checkResult(plan(model, window));
    } catch (e) {
      assert.ok(at('/entryWindow/from')(e), e.message);
    }
  }
  assert.ok(performance.now() - started < 2000, 'absurd cycles took seconds');
  for (const workdays of [[0], [1, 1], [1, 2, 3, 4, 5, 6, 7, 1], ['Monday'], [NaN], [true], [[1]]]) {
    assert.throws(() => plan(example(), { ...window, workdays }), (e) => e instanceof Error && e.pointer.startsWith('/workdays'), String(workdays));
  }
  answersTheExample();
});

test('re-entrant calls from toJSON and getters answer correctly', () => {
  const model = { toJSON: () => (compute(example()).funnel.revenue === '750000' ? example() : null) };
  assert.equal(compute(model).funnel.revenue, '750000');
  const goal = {
    lever: '/funnel/top',
    metric: '/funnel/revenue',
    get target() {
      return simulate(example(), { samples: 5 }).mean; // "750000"
    },
  };
  assert.equal(solve(example(), goal).value, '12000');
  answersTheExample();
});

test(
  'a huge text argument is refused before it reaches wasm memory, which stays bounded',
  () => {
    throwsMatching(() => compute({ funnel: 'é'.repeat(20 << 20) }), /^: .*16 KB/);
    assert.ok(wasm.memory.buffer.byteLength < MEMORY_LIMIT, `wasm memory is ${wasm.memory.buffer.byteLength} bytes`);
  },
);
