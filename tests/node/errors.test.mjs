// Engine errors as JS sees them (docs/errors.md): an Error whose message is unchanged and
// which carries `code`, `pointer` and `params` as own enumerable properties; and the schema module
// (www/pkg/sales_kpi_schema.js) that the build writes from the engine's one field table, checked
// against what the engine really accepts and refuses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { engine, PKG, thrown } from './engine.mjs';
import { example } from './example.mjs';

const { compute, whatIf, solve, simulate } = engine;
const schema = (await import(new URL('sales_kpi_schema.js', PKG).href)).default;

/** A fresh example model with the value at `pointer` (`*` as index 0) set to `value`. */
function withValue(pointer, value) {
  const model = example();
  delete model.customer.annualChurn;
  const path = pointer.slice(1).split('/').map((token) => (token === '*' ? '0' : token));
  let at = model;
  for (const token of path.slice(0, -1)) at = at[token];
  at[path.at(-1)] = value;
  if (path.at(-1) === 'annualChurn') delete model.customer.lifespanYears;
  return model;
}

test('an error keeps its message and carries code, pointer and params as own properties', () => {
  const model = example();
  model.funnel.stages[1].rate = '1.5';
  const error = thrown(() => compute(model));
  assert.ok(error instanceof Error);
  assert.equal(error.message, '/funnel/stages/1/rate: must be between 0 and 1 (got 1.5)');
  assert.deepEqual(Object.keys(error), ['code', 'pointer', 'params']);
  assert.equal(error.code, 'outOfRange');
  assert.equal(error.pointer, '/funnel/stages/1/rate');
  assert.deepEqual(error.params, { value: '1.5', minimum: '0', maximum: '1' });
});

test('each kind of mistake has its code and the values its sentence names', () => {
  const cases = [
    [() => compute(withValue('/funnel/top', '12,5')), 'notANumber', '/funnel/top', { value: '12,5' }],
    [() => compute(withValue('/funnel/top', '')), 'notANumber', '/funnel/top', { value: '' }],
    [() => compute(withValue('/funnel/top', '1'.repeat(65))), 'tooLong', '/funnel/top', { max: 64 }],
    [() => compute(withValue('/funnel/top', true)), 'wrongType', '/funnel/top', { expected: 'number' }],
    [() => compute(withValue('/funnel/dealsize', '1')), 'unknownField', '/funnel/dealsize', {}],
    [() => compute({ funnel: { stages: [{ name: 'a', rate: '1' }], dealSize: '1' } }), 'required', '/funnel/top', {}],
    [() => compute(withValue('/funnel/stages/*/name', 'x'.repeat(41))), 'tooLong', '/funnel/stages/0/name', { max: 40 }],
    [() => compute(withValue('/funnel/stages/*/name', '  ')), 'tooShort', '/funnel/stages/0/name', { min: 1 }],
    [() => compute(withValue('/funnel/stages', [])), 'tooFew', '/funnel/stages', { min: 1 }],
    [() => compute(withValue('/funnel/stages', 'a')), 'wrongType', '/funnel/stages', { expected: 'array' }],
    [
      () => compute({ ...example(), customer: { lifespanYears: '4', annualChurn: '0.2' } }),
      'bothGiven',
      '/customer',
      { other: 'annualChurn', fields: ['lifespanYears', 'annualChurn'] },
    ],
    [() => compute({ ...example(), customer: {} }), 'oneRequired', '/customer', { fields: ['lifespanYears', 'annualChurn'] }],
    // Fields are checked in schema order, so `end` (210) is found below `new` (300) first.
    [
      () => compute(withValue('/retention/new', '300')),
      'exceedsField',
      '/retention/end',
      { other: '/retention/new', value: '210', minimum: '300' },
    ],
    [() => compute('x'.repeat(20000)), 'inputTooLarge', '', { max: 16384 }],
    [() => compute(JSON.parse('['.repeat(20) + ']'.repeat(20))), 'tooDeep', '/0'.repeat(17), { max: 16 }],
    [
      () => {
        const cyclic = example();
        cyclic.self = cyclic;
        return compute(cyclic);
      },
      'invalidJson',
      '',
      {},
    ],
    [() => whatIf(example(), [{ lever: '/target', by: '0.1', to: '5' }]), 'bothGiven', '/0', { other: 'to', fields: ['by', 'add', 'to'] }],
    [() => whatIf(example(), [{ lever: '/nothing', by: '0.1' }]), 'unknownPointer', '/nothing', {}],
    [
      () => solve(example(), { lever: '/funnel/stages/0/rate', metric: '/funnel/revenue', target: '1e12' }),
      'noSolution',
      '/funnel/stages/0/rate',
      // The value is the one the sentence names: revenue x 1e12 / 1e6 needs a rate above 1.
      { reason: 'outOfRange', value: '33333.333333333333333333333333' },
    ],
    [() => simulate(example(), { samples: '1.5' }), 'notWhole', '/samples', { value: '1.5' }],
    [() => simulate(example(), { samples: '0' }), 'outOfRange', '/samples', { value: '0', minimum: '1', maximum: '1000000' }],
  ];
  for (const [call, code, pointer, params] of cases) {
    const error = thrown(call);
    assert.deepEqual({ code: error.code, pointer: error.pointer, params: error.params }, { code, pointer, params }, error.message);
    assert.ok(error.message.startsWith(`${pointer}: `), error.message);
    assert.ok(schema.errorCodes.includes(error.code), `${error.code} is not in the schema's errorCodes`);
  }
});

test('the schema module and the .json hold the same data', () => {
  assert.deepEqual(schema, JSON.parse(readFileSync(new URL('sales_kpi_schema.json', PKG), 'utf8')));
  assert.deepEqual(
    schema.fields.map((field) => [field.pointer, field.kind]).slice(0, 4),
    [
      ['/funnel/top', 'count'],
      ['/funnel/stages/*/name', 'text'],
      ['/funnel/stages/*/rate', 'rate'],
      ['/funnel/dealSize', 'money'],
    ],
  );
  assert.equal(new Set(schema.errorCodes).size, schema.errorCodes.length);
});

test('every bound in the schema is the bound the engine enforces', () => {
  const numbers = schema.fields.filter((field) => field.kind !== 'text');
  assert.ok(numbers.length >= 15);
  // Every bound in the table is a small whole number, so half a unit is exact in binary too.
  const plus = (value, sign) => String(Number(value) + sign * 0.5);
  for (const field of numbers) {
    for (const [name, inside, outside] of [
      ['minimum', 0, -1],
      ['exclusiveMinimum', 1, 0],
      ['maximum', 0, 1],
      ['exclusiveMaximum', -1, 0],
    ]) {
      const bound = field[name];
      if (bound === undefined) continue;
      const good = inside === 0 ? bound : plus(bound, inside);
      const bad = outside === 0 ? bound : plus(bound, outside);
      // Retention's end must stay at least `new`: keep `new` at 0 while probing its own bounds.
      const accept = withValue(field.pointer, good);
      const refuse = withValue(field.pointer, bad);
      for (const model of [accept, refuse]) if (field.pointer === '/retention/end') model.retention.new = '0';
      assert.doesNotThrow(() => compute(accept), `${field.pointer} = ${good} (${name} ${bound}) must be accepted`);
      const error = thrown(() => compute(refuse));
      // `end` may not fall below `new`, here 0: the bound is that field's value.
      const code = field.pointer === '/retention/end' ? 'exceedsField' : 'outOfRange';
      assert.equal(error.code, code, `${field.pointer} = ${bad}: ${error.message}`);
      assert.equal(error.pointer, field.pointer.replace('*', '0'));
      assert.equal(error.params[name], bound, `${field.pointer}: ${JSON.stringify(error.params)}`);
    }
  }
});

test('the engine reads exactly the fields the schema lists (and refuses a neighbour)', () => {
  for (const field of schema.fields) {
    const tokens = field.pointer.split('/');
    const unknown = [...tokens.slice(0, -1), `${tokens.at(-1)}X`].join('/');
    const error = thrown(() => compute(withValue(unknown, '1')));
    assert.equal(error.code, 'unknownField', unknown);
    assert.equal(error.pointer, unknown.replace('*', '0'));
  }
});

test('list and text limits in the schema are the ones the engine enforces', () => {
  const { minItems, maxItems } = schema.lists['/funnel/stages'];
  const stage = { name: 'a', rate: '1' };
  assert.doesNotThrow(() => compute(withValue('/funnel/stages', Array(maxItems).fill(stage))));
  const many = thrown(() => compute(withValue('/funnel/stages', Array(maxItems + 1).fill(stage))));
  assert.deepEqual([many.code, many.params], ['tooMany', { max: maxItems }]);
  assert.equal(minItems, 1);
  const name = schema.fields.find((field) => field.pointer === '/funnel/stages/*/name');
  // Code points, not UTF-16 units: 40 emoji are 80 units but 40 characters.
  assert.doesNotThrow(() => compute(withValue('/funnel/stages/*/name', '😀'.repeat(name.maxLength))));
  assert.equal(thrown(() => compute(withValue('/funnel/stages/*/name', '😀'.repeat(name.maxLength + 1)))).code, 'tooLong');
});
