// compute(model) of the BUILT package (www/pkg), checked against docs/contract.md.
// Written from the contract, independently of the engine's source. The contract's cases are in
// tests/contract-cases.json, which tests/contract.rs reads too, so the engine and the package are
// held to the same cases; what only a JavaScript caller can pass (NaN, undefined, a getter, a
// model JSON cannot write) is tested here below them.
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

const TABLE = JSON.parse(readFileSync(new URL('../contract-cases.json', import.meta.url), 'utf8'));
const BASES = { example, funnel: () => funnelOnly() };

/** A JSON Pointer's tokens, `~1` and `~0` read back as `/` and `~`. */
const tokens = (pointer) => pointer.split('/').slice(1).map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));

/** The value at `pointer` in `value`, or undefined. */
const valueAt = (value, pointer) => tokens(pointer).reduce((at, token) => (at != null && Object.hasOwn(at, token) ? at[token] : undefined), value);

/** The model a case (or its `same_as`) describes: `model`, or `from` with `set` and `remove`. */
function modelOf(spec) {
  if ('model' in spec) return structuredClone(spec.model);
  const model = BASES[spec.from]();
  const parentOf = (pointer) => {
    const path = tokens(pointer);
    return [path.slice(0, -1).reduce((at, token) => at[token], model), path.at(-1)];
  };
  for (const [pointer, value] of spec.set ?? []) {
    const [parent, key] = parentOf(pointer);
    parent[key] = structuredClone(value);
  }
  for (const pointer of spec.remove ?? []) {
    const [parent, key] = parentOf(pointer);
    delete parent[key];
  }
  return model;
}

function checkError(caught, expected) {
  assert.ok(caught instanceof Error, `expected an Error, got ${String(caught)}`);
  assert.ok(!(caught instanceof WebAssembly.RuntimeError), `engine trapped (panic?): ${caught.message}`);
  const { message } = caught;
  const at = [expected.at].flat();
  const prefix = at.map((pointer) => `${pointer}: `).find((p) => message.startsWith(p));
  assert.ok(prefix, `message should begin with one of ${JSON.stringify(at)} and ": " but was ${JSON.stringify(message)}`);
  assert.ok(message.length > prefix.length, 'message should explain the problem');
  assert.ok(at.includes(caught.pointer), `pointer ${JSON.stringify(caught.pointer)}`);
  if (expected.text !== undefined) assert.equal(message, expected.text);
  if (expected.code !== undefined) assert.equal(caught.code, expected.code);
  for (const word of expected.mentions ?? []) assert.match(message, new RegExp(word, 'i'));
}

function checkReport(report, testCase) {
  assertPlainDecimals(report);
  for (const [pointer, want] of Object.entries(testCase.report ?? {})) assert.strictEqual(valueAt(report, pointer), want, pointer);
  for (const [pointer, want] of Object.entries(testCase.keys ?? {})) assert.deepEqual(Object.keys(valueAt(report, pointer) ?? {}).sort(), want, `the keys at "${pointer}"`);
  for (const [pointer, want] of Object.entries(testCase.lengths ?? {})) assert.equal(valueAt(report, pointer)?.length, want, `the length of ${pointer}`);
  if (testCase.same_as) assert.deepEqual(report, compute(modelOf(testCase.same_as)));
}

describe('compute: the shared cases (tests/contract-cases.json)', () => {
  test('the table holds the contract', () => assert.ok(TABLE.cases.length > 200, `${TABLE.cases.length} cases`));
  for (const testCase of TABLE.cases) {
    test(testCase.name, () => {
      const model = modelOf(testCase);
      let report;
      let caught;
      try {
        report = compute(model);
      } catch (error) {
        caught = error;
      }
      if (testCase.error) {
        assert.ok(caught !== undefined, `expected an error at ${JSON.stringify(testCase.error.at)}, got ${JSON.stringify(report)}`);
        checkError(caught, testCase.error);
      } else {
        assert.equal(caught, undefined, `refused: ${caught?.message}`);
        checkReport(report, testCase);
      }
    });
  }
  for (const value of TABLE.not_numbers) {
    test(`${JSON.stringify(value)} is refused as a number`, () => {
      for (const pointer of TABLE.not_numbers_at) {
        const model = example();
        const path = tokens(pointer);
        path.slice(0, -1).reduce((at, token) => at[token], model)[path.at(-1)] = structuredClone(value);
        throwsAt(() => compute(model), pointer);
      }
    });
  }
});

describe('compute: what only JavaScript passes', () => {
  test('the input model is not modified', () => {
    const m = example();
    compute(m);
    assert.deepEqual(m, example());
  });

  test('the same model gives the same report', () => {
    assert.deepEqual(compute(example()), compute(example()));
  });

  test('a JS number goes through its shortest round-trip text (0.1 + 0.2 computed here)', () => {
    const r = compute(funnelOnly('1000', [0.1 + 0.2], '1'));
    assert.equal(r.funnel.stages[0].rate, '0.30000000000000004');
  });

  for (const [label, bad] of [
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ]) {
    test(`rejects JS ${label} with the pointer of the field`, () => {
      for (const pointer of TABLE.not_numbers_at) {
        const model = example();
        const path = tokens(pointer);
        path.slice(0, -1).reduce((at, token) => at[token], model)[path.at(-1)] = bad;
        throwsAt(() => compute(model), pointer);
      }
    });
  }

  test('a model JSON cannot write (undefined, a function, a symbol, a bigint) is an Error, not a panic', () => {
    for (const bad of [undefined, () => {}, Symbol('model'), 10n]) {
      assert.throws(
        () => compute(bad),
        (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && typeof e.message === 'string',
        `compute(${String(bad)})`,
      );
    }
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
