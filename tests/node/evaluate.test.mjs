// evaluate(model, request) of the BUILT package (www/pkg): every part equals what its own
// function answers for the same input, and a part that fails carries the error that function
// throws instead of failing the call.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { example } from './example.mjs';

const PKG = new URL('../../www/pkg/', import.meta.url);
const engine = await import(new URL('sales_kpi.js', PKG).href);
engine.initSync({ module: readFileSync(new URL('sales_kpi_bg.wasm', PKG)) });
const { compute, evaluate, sensitivity, solve, whatIf } = engine;

/** What a thrown engine error carries, as plain data. */
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof Error);
    return { message: error.message, code: error.code, pointer: error.pointer, params: error.params };
  }
  assert.fail('expected an error');
}

const asData = (error) => ({ message: error.message, code: error.code, pointer: error.pointer, params: error.params });

const FUNNEL_LEVERS = ['/funnel/top', '/funnel/stages/0/rate', '/funnel/stages/1/rate', '/funnel/dealSize'];

describe('evaluate', () => {
  test('each part equals its own function: report, what-if, goals, sensitivity', () => {
    const model = example();
    const changes = [{ lever: '/funnel/dealSize', by: '0.1' }, { lever: '/funnel/stages/0/rate', add: '0.005' }];
    const goals = FUNNEL_LEVERS.map((lever) => ({ lever, metric: '/funnel/revenue', target: model.target }));
    const options = { metric: '/economics/ltvToCac', by: '0.2' };
    const answer = evaluate(model, { whatIf: changes, goals, sensitivity: options });
    assert.deepEqual(answer.report, compute(model));
    assert.deepEqual(answer.whatIf, whatIf(model, changes).scenario);
    assert.deepEqual(
      answer.goals,
      goals.map((goal) => ({ value: solve(model, goal).value })),
    );
    assert.deepEqual(answer.sensitivity, sensitivity(model, options));
    assert.notEqual(answer.whatIf.funnel.revenue, answer.report.funnel.revenue, 'the what-if changed something');
  });

  test('parts not asked for are absent; an empty request is compute', () => {
    const model = example();
    assert.deepEqual(evaluate(model, {}), { report: compute(model) });
    assert.deepEqual(evaluate(model, null), { report: compute(model) });
    assert.deepEqual(Object.keys(evaluate(model, { goals: [] })), ['report', 'goals']);
  });

  test('a goal with no solution carries its own error; the other goals and parts are answered', () => {
    const model = example();
    const impossible = { lever: '/funnel/stages/1/rate', metric: '/funnel/revenue', target: '100000000' };
    const possible = { lever: '/funnel/dealSize', metric: '/funnel/revenue', target: '1000000' };
    const answer = evaluate(model, { goals: [impossible, possible], sensitivity: {} });
    assert.ok(answer.goals[0].error instanceof Error);
    assert.deepEqual(asData(answer.goals[0].error), thrown(() => solve(model, impossible)));
    assert.equal(answer.goals[0].error.code, 'noSolution');
    assert.equal(answer.goals[0].error.params.reason, 'outOfRange');
    assert.deepEqual(answer.goals[1], { value: solve(model, possible).value });
    assert.deepEqual(answer.sensitivity, sensitivity(model, {}));
  });

  test('a what-if that breaks the model, bad sensitivity options and a malformed goal fail only their part', () => {
    const model = example();
    const tooFar = [{ lever: '/funnel/stages/1/rate', add: '0.9' }];
    const badOptions = { by: '1' };
    const malformed = { lever: '/funnel/top', metric: '/funnel/revenue' };
    const answer = evaluate(model, { whatIf: tooFar, goals: [malformed], sensitivity: badOptions });
    assert.deepEqual(answer.report, compute(model));
    assert.deepEqual(asData(answer.whatIf.error), thrown(() => whatIf(model, tooFar)));
    assert.equal(answer.whatIf.error.pointer, '/funnel/stages/1/rate');
    assert.deepEqual(asData(answer.goals[0].error), thrown(() => solve(model, malformed)));
    assert.equal(answer.goals[0].error.code, 'required');
    assert.deepEqual(asData(answer.sensitivity.error), thrown(() => sensitivity(model, badOptions)));
  });

  test('text in reports survives the JSON text crossing: quotes, backslashes, emoji, RTL, markup', () => {
    const model = example();
    const names = ['say "hi" \\ there', '😀 مرحبا </script><b>', 'tab\u00a0nbsp\u2028ls'];
    model.funnel.stages = names.map((name) => ({ name, rate: '0.5' }));
    const answer = evaluate(model, { whatIf: [{ lever: '/funnel/top', by: '0.1' }] });
    assert.deepEqual(answer.report.funnel.stages.map((stage) => stage.name), names);
    assert.deepEqual(answer.whatIf.funnel.stages.map((stage) => stage.name), names);
    assert.deepEqual(answer.report.target.needed.stages.map((stage) => stage.name), names);
  });

  test('an invalid model or request fails the whole call, as compute would', () => {
    const model = example();
    model.funnel.top = '12,5';
    assert.deepEqual(thrown(() => evaluate(model, {})), thrown(() => compute(model)));
    const unknown = thrown(() => evaluate(example(), { goal: [] }));
    assert.equal(unknown.code, 'unknownField');
    assert.equal(unknown.pointer, '/goal');
    const notList = thrown(() => evaluate(example(), { goals: {} }));
    assert.deepEqual([notList.code, notList.pointer, notList.params], ['wrongType', '/goals', { expected: 'array' }]);
    const many = Array.from({ length: 33 }, () => ({ lever: '/funnel/top', metric: '/funnel/revenue', target: '1' }));
    const tooMany = thrown(() => evaluate(example(), { goals: many }));
    assert.deepEqual([tooMany.code, tooMany.pointer, tooMany.params], ['tooMany', '/goals', { max: 32 }]);
  });
});
