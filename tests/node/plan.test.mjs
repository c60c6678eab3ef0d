// plan(model, options) through the BUILT package (www/pkg), against the contract's section of the
// same name (docs/contract.md): the worked examples, the shapes and plain-decimal strings,
// every option error with its code, pointer and params, the schema's planOptions against what the
// engine accepts, and the module answering after errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engine, PKG, thrown } from './engine.mjs';
import { example } from './example.mjs';

const { plan, compute } = engine;
const schema = (await import(new URL('sales_kpi_schema.js', PKG).href)).default;

const PLAIN = /^-?\d+(\.\d*[1-9])?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The contract's example options. */
const options = () => ({
  start: '2027-01-01',
  end: '2027-03-31',
  reps: '4',
  capacity: '70',
  workdays: [1, 2, 3, 4, 5],
  holidays: ['2027-01-01'],
});

/** Every leaf of a plan is a plain decimal string, a label, a date or null. */
function assertShape(value, path = '') {
  if (value === null) return;
  if (Array.isArray(value)) return value.forEach((item, i) => assertShape(item, `${path}/${i}`));
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'name') assert.equal(typeof item, 'string', `${path}/name`);
      else if (key === 'month') assert.match(item, /^\d{4}-\d{2}$/, `${path}/month`);
      else if (key === 'week') assert.match(item, /^\d{4}-W\d{2}$/, `${path}/week`);
      else if (['start', 'from', 'to'].includes(key)) assert.match(item, DATE, `${path}/${key}`);
      else assertShape(item, `${path}/${key}`);
    }
    return;
  }
  assert.equal(typeof value, 'string', `${path} is ${typeof value}`);
  assert.match(value, PLAIN, `${path} = ${value}`);
}

const sum = (rows, pick) => rows.reduce((total, row) => total + BigInt(pick(row)), 0n);

test('plan is exported under that name and answers the contract example', () => {
  assert.equal(typeof plan, 'function');
  const result = plan(example(), options());
  assertShape(result);
  assert.deepEqual(Object.keys(result), [
    'days', 'workdays', 'target', 'dealsNeeded', 'needed', 'perWorkday', 'perRep', 'repsNeeded', 'months', 'weeks', 'entryWindow',
  ]);
  // January to March 2027: 90 days, 64 weekdays less New Year's Day.
  assert.equal(result.days, '90');
  assert.equal(result.workdays, '63');
  assert.equal(result.target, '1000000');
  assert.equal(result.dealsNeeded, '80');
  // Exactly compute's backwards funnel for this target.
  assert.deepEqual(result.needed, compute(example()).target.needed);
  assert.deepEqual(result.perWorkday, {
    top: '254',
    stages: [{ name: 'meetings', count: '7' }, { name: 'deals', count: '2' }],
    deals: '2',
  });
  assert.deepEqual(result.perRep, {
    top: '64',
    stages: [{ name: 'meetings', count: '2' }, { name: 'deals', count: '1' }],
    deals: '1',
  });
  assert.equal(result.repsNeeded, '4');
  assert.deepEqual(result.entryWindow, { from: '2026-11-17', to: '2027-02-14' });
});

test('months and weeks share the totals out exactly, by the largest remainder', () => {
  const result = plan(example(), options());
  assert.deepEqual(result.months.map((m) => [m.month, m.workdays, m.deals, m.top, m.stages[0].count]), [
    ['2027-01', '20', '26', '5080', '127'],
    ['2027-02', '20', '25', '5079', '127'],
    ['2027-03', '23', '29', '5841', '146'],
  ]);
  assert.equal(result.weeks.length, 14);
  assert.deepEqual([result.weeks[0].week, result.weeks[0].start, result.weeks[0].workdays, result.weeks[0].deals], ['2026-W53', '2027-01-01', '0', '0']);
  assert.deepEqual([result.weeks[13].week, result.weeks[13].start], ['2027-W13', '2027-03-29']);
  for (const rows of [result.months, result.weeks]) {
    assert.equal(sum(rows, (row) => row.workdays), 63n);
    assert.equal(sum(rows, (row) => row.deals), 80n);
    assert.equal(sum(rows, (row) => row.top), 16000n);
    assert.equal(sum(rows, (row) => row.stages[0].count), 400n);
  }
});

test('the SMART form: +14 % on 135000 within three months', () => {
  const model = example();
  delete model.target;
  const result = plan(model, { start: '2027-01-01', end: '2027-03-31', growth: { baseline: '135000', by: '0.14' } });
  assert.equal(result.target, '153900');
  assert.equal(result.dealsNeeded, '13');
  assert.equal('repsNeeded' in result, false);
  assert.deepEqual(result.perRep, result.perWorkday);
  // The target itself given: it wins over the model's.
  assert.equal(plan(example(), { start: '2027-01-04', end: '2027-01-08', target: 50000 }).dealsNeeded, '4');
});

test('null totals are null in every row, and sections follow their inputs', () => {
  const model = example();
  model.funnel.dealSize = '0';
  delete model.cycleDays;
  const result = plan(model, options());
  assertShape(result);
  assert.equal(result.dealsNeeded, null);
  assert.equal(result.repsNeeded, null);
  assert.equal('entryWindow' in result, false);
  for (const row of [...result.months, ...result.weeks]) {
    assert.equal(row.deals, null);
    assert.equal(row.top, null);
    assert.deepEqual(row.stages.map((s) => s.count), [null, null]);
  }
});

test('a three-year window: 1097 days at most, and every month and ISO week in order', () => {
  const result = plan(example(), { start: '2024-01-01', end: '2027-01-01', workdays: [1, 2, 3, 4, 5, 6, 7] });
  assert.equal(result.days, '1097');
  assert.equal(result.workdays, '1097');
  assert.equal(result.months.length, 37);
  assert.equal(result.months.at(-1).month, '2027-01');
  // 2026 has 53 ISO weeks; 2027-01-01 is the Friday of 2026-W53.
  assert.equal(result.weeks.at(-1).week, '2026-W53');
  assert.equal(sum(result.weeks, (w) => w.top), BigInt(result.needed.top));
});

test('every option error carries its code, pointer and params', () => {
  const model = example();
  const cases = [
    [{ ...options(), start: undefined }, 'required', '/start', {}],
    [{ ...options(), start: 20270101 }, 'wrongType', '/start', { expected: 'date' }],
    [{ ...options(), start: '2027-02-30' }, 'invalidDate', '/start', { value: '2027-02-30' }],
    [{ ...options(), start: '1899-12-31' }, 'invalidDate', '/start', { value: '1899-12-31' }],
    [{ ...options(), end: '2100-02-29' }, 'invalidDate', '/end', { value: '2100-02-29' }],
    [{ ...options(), end: '2026-12-31' }, 'beforeStart', '/end', { start: '2027-01-01' }],
    [{ ...options(), end: '2030-01-02' }, 'windowTooLong', '/end', { max: 1096 }],
    [{ ...options(), target: '0' }, 'outOfRange', '/target', { value: '0', exclusiveMinimum: '0' }],
    [{ ...options(), target: '1', growth: { baseline: '1', by: '0' } }, 'bothGiven', '/growth', { other: 'target' }],
    [{ ...options(), growth: { baseline: '-1', by: '0' } }, 'outOfRange', '/growth/baseline', { value: '-1', exclusiveMinimum: '0' }],
    [{ ...options(), growth: { baseline: '1', by: '-1.5' } }, 'outOfRange', '/growth/by', { value: '-1.5', exclusiveMinimum: '-1' }],
    [{ ...options(), growth: { baseline: '1', by: '0', extra: 1 } }, 'unknownField', '/growth/extra', {}],
    [{ ...options(), reps: '0' }, 'outOfRange', '/reps', { value: '0', exclusiveMinimum: '0' }],
    [{ ...options(), reps: 'four' }, 'notANumber', '/reps', { value: 'four' }],
    [{ ...options(), capacity: -1 }, 'outOfRange', '/capacity', { value: '-1', exclusiveMinimum: '0' }],
    [{ ...options(), workdays: [] }, 'tooFew', '/workdays', { min: 1 }],
    [{ ...options(), workdays: [1, 2, 3, 4, 5, 6, 7, 1] }, 'tooMany', '/workdays', { max: 7 }],
    [{ ...options(), workdays: [8] }, 'outOfRange', '/workdays/0', { value: '8', minimum: '1', maximum: '7' }],
    [{ ...options(), workdays: [1, 2.5] }, 'notWhole', '/workdays/1', { value: '2.5' }],
    [{ ...options(), workdays: [1, 2, 2] }, 'duplicate', '/workdays/2', { value: '2' }],
    [{ ...options(), workdays: { monday: true } }, 'wrongType', '/workdays', { expected: 'array' }],
    [{ ...options(), holidays: ['2027-01-01', '2027-04-31'] }, 'invalidDate', '/holidays/1', { value: '2027-04-31' }],
    [{ ...options(), holidays: Array(401).fill('2027-01-01') }, 'tooMany', '/holidays', { max: 400 }],
    [{ ...options(), holiday: [] }, 'unknownField', '/holiday', {}],
    [{ start: '2027-01-02', end: '2027-01-03' }, 'noWorkdays', '/workdays', {}],
    [null, 'wrongType', '', { expected: 'object' }],
  ];
  for (const [opts, code, pointer, params] of cases) {
    const error = thrown(() => plan(model, opts));
    assert.ok(error instanceof Error, `${code}: not an Error`);
    assert.ok(error.message.startsWith(`${pointer}: `), `${error.message} should start with ${pointer}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.pointer, pointer);
    assert.deepEqual(error.params, params, error.message);
  }
  const noTarget = example();
  delete noTarget.target;
  const error = thrown(() => plan(noTarget, { start: '2027-01-01', end: '2027-01-31' }));
  assert.equal(error.message, '/target: required');
  assert.equal(error.code, 'required');
  // Model errors name the model's pointers, as in every function.
  const bad = example();
  bad.funnel.stages[0].rate = '2';
  assert.equal(thrown(() => plan(bad, options())).pointer, '/funnel/stages/0/rate');
});

test("the schema's planOptions and limits are what the engine enforces", () => {
  const byPointer = Object.fromEntries(schema.planOptions.map((field) => [field.pointer, field]));
  assert.deepEqual(Object.keys(byPointer).sort(), [
    '/capacity', '/end', '/growth/baseline', '/growth/by', '/holidays/*', '/reps', '/start', '/target', '/workdays/*',
  ]);
  assert.equal(byPointer['/start'].kind, 'date');
  assert.equal(byPointer['/start'].required, true);
  assert.equal(schema.planLists['/holidays'].maxItems, schema.limits.maxHolidays);
  // Each bound holds at its edge and refuses just past it.
  for (const [pointer, key] of [['/target', 'target'], ['/reps', 'reps'], ['/capacity', 'capacity']]) {
    const floor = byPointer[pointer].exclusiveMinimum;
    assert.equal(thrown(() => plan(example(), { ...options(), [key]: floor })).code, 'outOfRange');
    assert.ok(plan(example(), { ...options(), [key]: '0.5' }));
  }
  const { maxWindowDays, minPlanYear, maxPlanYear } = schema.limits;
  assert.equal(plan(example(), { start: '2027-01-01', end: '2030-01-01' }).days, String(maxWindowDays + 1));
  assert.ok(plan(example(), { start: `${minPlanYear}-01-01`, end: `${minPlanYear}-01-05` }));
  assert.ok(plan(example(), { start: `${maxPlanYear}-12-27`, end: `${maxPlanYear}-12-31` }));
  assert.equal(thrown(() => plan(example(), { start: `${maxPlanYear + 1}-01-01`, end: `${maxPlanYear + 1}-01-05` })).code, 'invalidDate');
  for (const code of ['invalidDate', 'beforeStart', 'windowTooLong', 'noWorkdays', 'duplicate']) {
    assert.ok(schema.errorCodes.includes(code), code);
  }
});

test('after errors the module keeps answering, and arguments are not modified', () => {
  const before = plan(example(), options());
  const opts = options();
  const frozen = JSON.stringify(opts);
  for (let i = 0; i < 50; i++) {
    thrown(() => plan(example(), { ...options(), end: 'never' }));
    thrown(() => plan(example(), { ...options(), holidays: Array(500).fill('x') }));
  }
  assert.deepEqual(plan(example(), opts), before);
  assert.equal(JSON.stringify(opts), frozen);
});
