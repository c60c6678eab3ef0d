// progress(model, options) through the BUILT package (www/pkg), against the contract's section of
// the same name (docs/contract.md): the worked example (the Danish leads funnel, Q1 2027)
// through `progress` and through `evaluate`, the shape and plain-decimal strings, the errors'
// code, pointer and params in the contract's order, the schema's progress rows, and the module
// answering after errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engine, PKG, thrown } from './engine.mjs';

const { progress, evaluate, compute } = engine;
const schema = (await import(new URL('sales_kpi_schema.js', PKG).href)).default;

const PLAIN = /^-?\d+(\.\d*[1-9])?$/;

const model = () => ({
  funnel: {
    top: '1000',
    stages: [
      { name: 'meetings', rate: '0.4' },
      { name: 'quotes', rate: '0.5' },
      { name: 'deals', rate: '0.3' },
    ],
    dealSize: '4500',
  },
});

const options = () => ({
  start: '2027-01-01',
  end: '2027-03-31',
  growth: { baseline: '135000', by: '0.14' },
  reps: '3',
  capacity: '70',
  holidays: ['2027-01-01', '2027-03-25', '2027-03-26', '2027-03-29'],
  asOf: '2027-02-12',
  actuals: [
    { date: '2027-01-08', revenue: '9000', deals: '2', top: '140', stages: ['52', '25', '2'] },
    { date: '2027-01-31', revenue: '36000', deals: '8', top: '610', stages: ['230', '101', '8'] },
    { date: '2027-02-12', revenue: '13500', deals: '3', top: '350', stages: ['121', '44', '3'] },
  ],
  open: ['40', '9'],
});

/** Every leaf is a plain decimal string, a name, a boolean or null. */
function assertShape(value, path = '') {
  if (value === null || typeof value === 'boolean') return;
  if (Array.isArray(value)) return value.forEach((item, i) => assertShape(item, `${path}/${i}`));
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'name') assert.equal(typeof item, 'string', `${path}/name`);
      else assertShape(item, `${path}/${key}`);
    }
    return;
  }
  assert.equal(typeof value, 'string', `${path} is ${typeof value}`);
  assert.match(value, PLAIN, `${path} = ${value}`);
}

test('progress is exported and answers the worked example', () => {
  assert.equal(typeof progress, 'function');
  const result = progress(model(), options());
  assertShape(result);
  assert.deepEqual(Object.keys(result), [
    'workdays', 'elapsed', 'remaining', 'target', 'actual', 'expected', 'attainment', 'pace', 'projected', 'onTrack',
    'gap', 'perWorkday', 'perRep', 'repsNeeded', 'stages', 'weakest', 'pipeline',
  ]);
  assert.deepEqual([result.workdays, result.elapsed, result.remaining, result.target], ['60', '30', '30', '153900']);
  assert.deepEqual(result.actual, { revenue: '58500', deals: '13', top: '1100', stages: ['403', '170', '13'] });
  assert.deepEqual(result.expected, { revenue: '76950', deals: '17.5', top: '292.5' });
  assert.equal(result.attainment.slice(0, 7), '0.38011');
  assert.equal(result.pace.slice(0, 6), '0.7602');
  assert.equal(result.projected, '117000');
  assert.equal(result.onTrack, false);
  assert.deepEqual(result.gap, { revenue: '95400', deals: '22', top: '0' });
  assert.deepEqual(result.perWorkday, { revenue: '3180', deals: '1', top: '0' });
  assert.deepEqual(result.perRep, { revenue: '1060', deals: '1', top: '0' });
  assert.equal(result.repsNeeded, '0');
  assert.deepEqual(result.stages.map((s) => [s.name, s.planned]), [['meetings', '0.4'], ['quotes', '0.5'], ['deals', '0.3']]);
  assert.equal(result.stages[2].observed.slice(0, 9), '0.0764705');
  assert.equal(result.stages[2].ratio.slice(0, 6), '0.2549');
  assert.equal(result.weakest, '2');
  const { pipeline } = result;
  assert.deepEqual([pipeline.count, pipeline.weighted, pipeline.dealsToClose], ['49', '39150', '22']);
  assert.equal(pipeline.coverage.slice(0, 4), '0.41');
  // The exact tail, 7.9153559616443350946...e-6, to within 1e-12.
  assert.ok(Math.abs(Number(pipeline.chance) - 7.915355961644335e-6) < 1e-12, pipeline.chance);
});

test('evaluate answers progress as its own part, the same as progress', () => {
  const withTarget = { ...model(), target: '153900' };
  const answer = evaluate(withTarget, { progress: options() });
  assert.deepEqual(Object.keys(answer), ['report', 'progress']);
  assert.deepEqual(answer.report, compute(withTarget));
  assert.deepEqual(answer.progress, progress(withTarget, options()));
  // A failing part carries the error progress throws; the report is still answered.
  const bad = { ...options(), asOf: '2027-04-01' };
  const failed = evaluate(withTarget, { progress: bad, goals: [] });
  assert.ok(failed.progress.error instanceof Error);
  const own = thrown(() => progress(withTarget, bad));
  for (const key of ['message', 'code', 'pointer', 'params']) assert.deepEqual(failed.progress.error[key], own[key], key);
  assert.deepEqual(failed.goals, []);
});

test('every error carries its code, pointer and params, in the contract order', () => {
  const row = (index, field, value) => {
    const o = options();
    o.actuals[index][field] = value;
    return o;
  };
  const cases = [
    [{ ...options(), asOf: undefined }, 'required', '/asOf', {}],
    [{ ...options(), asOf: '2027-02-30' }, 'invalidDate', '/asOf', { value: '2027-02-30' }],
    [{ ...options(), asOf: '2026-12-31' }, 'beforeStart', '/asOf', { start: '2027-01-01' }],
    [{ ...options(), asOf: '2027-04-01' }, 'outOfRange', '/asOf', { value: '2027-04-01', maximum: '2027-03-31' }],
    [{ ...options(), actuals: [] }, 'tooFew', '/actuals', { min: 1 }],
    [{ ...options(), actuals: undefined }, 'required', '/actuals', {}],
    [row(3 - 3, 'date', '2026-12-31'), 'beforeStart', '/actuals/0/date', { start: '2027-01-01' }],
    [row(2, 'date', '2027-02-13'), 'outOfRange', '/actuals/2/date', { value: '2027-02-13', maximum: '2027-02-12' }],
    [row(1, 'date', '2027-01-08'), 'outOfRange', '/actuals/1/date', { value: '2027-01-08', exclusiveMinimum: '2027-01-08' }],
    [row(1, 'deals', -1), 'outOfRange', '/actuals/1/deals', { value: '-1', minimum: '0' }],
    [row(1, 'deals', 2.5), 'notWhole', '/actuals/1/deals', { value: '2.5' }],
    [row(1, 'stages', ['1', '1', '1', '1']), 'tooMany', '/actuals/1/stages', { max: 3 }],
    [row(1, 'stages', ['1', '1.5']), 'notWhole', '/actuals/1/stages/1', { value: '1.5' }],
    [row(1, 'dael', '1'), 'unknownField', '/actuals/1/dael', {}],
    [{ ...options(), open: ['1', '1', '1'] }, 'tooMany', '/open', { max: 2 }],
    [{ ...options(), open: ['999', '2'] }, 'tooMany', '/open', { max: 1000 }],
    [{ ...options(), open: ['-1'] }, 'outOfRange', '/open/0', { value: '-1', minimum: '0' }],
    [{ ...options(), reps: '0' }, 'outOfRange', '/reps', { value: '0', exclusiveMinimum: '0' }],
    [{ ...options(), target: '1' }, 'bothGiven', '/growth', { other: 'target' }],
    [{ ...options(), opened: [] }, 'unknownField', '/opened', {}],
    // Several problems: the plan's first, then asOf, then the rows in order, then open.
    [{ ...row(2, 'deals', -1), reps: '0', asOf: '2027-04-01', open: ['x'] }, 'outOfRange', '/reps', { value: '0', exclusiveMinimum: '0' }],
    [{ ...row(2, 'deals', -1), asOf: '2027-04-01', open: ['x'] }, 'outOfRange', '/asOf', { value: '2027-04-01', maximum: '2027-03-31' }],
    [{ ...row(1, 'stages', ['1', '1', '1', '1']), open: ['x'] }, 'tooMany', '/actuals/1/stages', { max: 3 }],
    [null, 'wrongType', '', { expected: 'object' }],
  ];
  for (const [opts, code, pointer, params] of cases) {
    const error = thrown(() => progress(model(), opts));
    assert.ok(error instanceof Error, `${code}: not an Error`);
    assert.ok(error.message.startsWith(`${pointer}: `), `${error.message} should start with ${pointer}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.pointer, pointer, error.message);
    assert.deepEqual(error.params, params, error.message);
  }
  const noTarget = { ...options() };
  delete noTarget.growth;
  assert.equal(thrown(() => progress(model(), noTarget)).message, '/target: required');
});

test("the schema's progressOptions and limits are what the engine enforces", () => {
  const byPointer = Object.fromEntries(schema.progressOptions.map((field) => [field.pointer, field]));
  assert.deepEqual(Object.keys(byPointer), [
    '/asOf', '/actuals/*/date', '/actuals/*/revenue', '/actuals/*/deals', '/actuals/*/top', '/actuals/*/stages/*', '/open/*',
  ]);
  assert.equal(byPointer['/asOf'].kind, 'date');
  assert.equal(byPointer['/open/*'].whole, true);
  assert.equal(byPointer['/actuals/*/revenue'].whole, undefined);
  assert.equal(schema.progressLists['/actuals'].maxItems, schema.limits.maxActuals);
  const { maxOpen } = schema.limits;
  assert.ok(progress(model(), { ...options(), open: [String(maxOpen - 9), '9'] }).pipeline);
  assert.equal(thrown(() => progress(model(), { ...options(), open: [String(maxOpen - 8), '9'] })).code, 'tooMany');
});

test('after errors the module keeps answering, and arguments are not modified', () => {
  const before = progress(model(), options());
  const opts = options();
  const frozen = JSON.stringify(opts);
  for (let i = 0; i < 50; i++) {
    thrown(() => progress(model(), { ...options(), asOf: 'never' }));
    thrown(() => progress(model(), { ...options(), open: Array(20).fill('1') }));
  }
  assert.deepEqual(progress(model(), opts), before);
  assert.equal(JSON.stringify(opts), frozen);
});
