// The TypeScript types in www/pkg/sales_kpi.d.ts: the reports' types are written by hand (a custom
// section in src/bindings.rs); Model, PlanOptions, ErrorCode and EngineError are generated from the
// schema table (src/schema.rs) by scripts/build.mjs. This test ties both to what the engine really
// returns and throws: it writes real results
// of all seven functions as typed object literals (`const x: Report = {...}`) and has tsc check
// them. tsc refuses a field the type lacks (excess property check), a required field the result
// lacks, and a null where the type does not allow one, so drift on either side fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { example, exampleProgressOptions } from './example.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'www', 'pkg');
const engine = await import(join(PKG, 'sales_kpi.js'));
engine.initSync({ module: readFileSync(join(PKG, 'sales_kpi_bg.wasm')) });

/** Runs tsc on `const name: Type = value;` lines; returns its complaints ('' when it agrees). */
function typecheck(cases) {
  const dir = mkdtempSync(join(tmpdir(), 'sales-kpi-types-'));
  try {
    const types = [...new Set(cases.map(([type]) => type.replace('[]', '')))];
    const lines = cases.map(([type, value], i) => `export const case${i}: ${type} = ${JSON.stringify(value, null, 1)};`);
    writeFileSync(
      join(dir, 'outputs.ts'),
      `import type { ${types.join(', ')} } from ${JSON.stringify(join(PKG, 'sales_kpi.js'))};\n${lines.join('\n')}\n`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: [] },
        files: ['outputs.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
    return run.status === 0 ? '' : `${run.stdout}${run.stderr}`.trim() || `tsc exited with ${run.status}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('what the seven functions return is exactly what their declared types say', () => {
  const sparse = example();
  sparse.funnel.dealSize = '0';
  sparse.acquisitionCost = '0';
  delete sparse.retention;
  const noTarget = example();
  delete noTarget.target;
  const cases = [
    ['Model', example()],
    ['Report', engine.compute(example())],
    ['Report', engine.compute(sparse)],
    ['Report', engine.compute({ funnel: example().funnel })],
    ['WhatIfResult', engine.whatIf(example(), [{ lever: '/funnel/dealSize', by: '0.1' }])],
    ['Solution', engine.solve(example(), { lever: '/funnel/top', metric: '/funnel/revenue', target: '1000000' })],
    ['SensitivityRow[]', engine.sensitivity(example())],
    ['Summary', engine.simulate(example(), { ranges: [{ lever: '/funnel/dealSize', low: '10000', high: '15000' }], samples: 100, seed: 1 })],
    ['Summary', engine.simulate(noTarget, { samples: 10 })],
    ['PlanOptions', { start: '2027-01-01', end: '2027-03-31', reps: '4', capacity: '70', workdays: [1, 2, 3, 4, 5], holidays: ['2027-01-01'] }],
    ['Plan', engine.plan(example(), { start: '2027-01-01', end: '2027-03-31', reps: '4', capacity: '70', holidays: ['2027-01-01'] })],
    ['Plan', engine.plan(sparse, { start: '2027-01-01', end: '2027-01-31', capacity: '70' })],
    ['Plan', engine.plan({ funnel: example().funnel }, { start: '2027-01-01', end: '2027-01-31', growth: { baseline: '100', by: '0.1' } })],
    ['ProgressOptions', exampleProgressOptions()],
    ['Progress', engine.progress(example(), exampleProgressOptions())],
    // Nulls where inputs are missing, no pipeline, no repsNeeded, nothing left per workday.
    ['Progress', engine.progress(sparse, { start: '2027-01-01', end: '2027-01-31', asOf: '2027-01-31', actuals: [{ date: '2027-01-31', deals: '1' }] })],
    ['Evaluation', engine.evaluate(example(), { progress: exampleProgressOptions() })],
    ...thrownErrors().map((error) => ['EngineError', { name: error.name, message: error.message, ...error }]),
  ];
  assert.equal(typecheck(cases), '');
});

/** Real errors of several codes (integer, text and list parameters among them). */
function thrownErrors() {
  const calls = [
    () => engine.compute({ ...example(), target: '0' }),
    () => engine.compute({ ...example(), customer: {} }),
    () => engine.compute({ ...example(), funnel: { ...example().funnel, stages: [] } }),
    () => engine.compute('x'.repeat(20000)),
    () => engine.whatIf(example(), [{ lever: '/target' }]),
  ];
  return calls.map((call) => {
    try {
      call();
    } catch (error) {
      return error;
    }
    throw new Error('expected an error');
  });
}

test('the check can fail: a field the type lacks, and a missing one, are both refused', () => {
  const report = engine.compute(example());
  assert.match(typecheck([['Report', { ...report, extra: '1' }]]), /extra/);
  const { revenue, ...withoutRevenue } = report.funnel;
  assert.ok(revenue);
  assert.match(typecheck([['Report', { ...report, funnel: withoutRevenue }]]), /revenue/);
  const [error] = thrownErrors();
  assert.match(typecheck([['EngineError', { name: error.name, message: error.message, ...error, code: 'outOfRang' }]]), /outOfRang/);
});
